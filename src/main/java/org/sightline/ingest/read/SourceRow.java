package org.sightline.ingest.read;

/**
 * One physical row of a sheet or CSV file.
 *
 * @param row   1-based row number as the sender sees it (spreadsheet row, or CSV record number)
 * @param cells cell texts; dates from real date cells arrive as ISO yyyy-mm-dd, numbers unformatted
 */
public record SourceRow(long row, String[] cells) {

    public String cell(int index) {
        return index < cells.length ? cells[index] : null;
    }

    public boolean isBlank() {
        for (String c : cells) if (c != null && !c.isBlank()) return false;
        return true;
    }
}
