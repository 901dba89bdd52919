package org.sightline.ingest;

import java.util.List;

/** The outcomes of one {@link SourceBlock}, row for row and in file order. */
public record ProcessedBlock(List<ProcessedRow> rows) {}
