package org.sightline.ingest;

import java.util.List;

import org.sightline.ingest.read.SourceRow;

/**
 * Consecutive data rows of one unit: the item the load step reads and processes. Rows travel in
 * blocks so that processing can run on several threads without a hand-over per row.
 */
public record SourceBlock(List<SourceRow> rows) {}
