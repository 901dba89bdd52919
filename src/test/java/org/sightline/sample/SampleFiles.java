package org.sightline.sample;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.sightline.sample.SampleDataGenerator.Kind;
import org.sightline.sample.SampleDataGenerator.Line;
import org.sightline.sample.SampleDataGenerator.Table;
import org.sightline.sample.SampleSites.FileFormat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The one writer of the sample's tables, CSV and XLSX alike: {@link #write} walks each table the same way (title
 * row, blank rows after it, header, then its lines, numbering rows as a spreadsheet user sees them, which the oracle
 * reports) and hands every row to a sink for the file's format: a text sink (delimiter, charset, line ends, BOM) or
 * a workbook sink (one sheet per table, date cells, an optional "Read me" sheet first).
 */
final class SampleFiles {
    private SampleFiles() {}

    /**
     * Writes {@code tables} into {@code dir} in {@code format}: for a CSV format each table is its own file; for
     * XLSX the tables of one file are its sheets, in order, after a "Read me" sheet when {@code readMe} is given.
     */
    static void write(Path dir, FileFormat format, List<Table> tables, List<String> readMe) throws IOException {
        Map<String, List<Table>> byFile = new LinkedHashMap<>();
        for (Table t : tables) byFile.computeIfAbsent(t.file, k -> new ArrayList<>()).add(t);
        for (Map.Entry<String, List<Table>> e : byFile.entrySet()) {
            if (format.xlsx()) {
                try (WorkbookSink sink = new WorkbookSink(format.dateFormat(), readMe)) {
                    for (Table t : e.getValue()) walk(t, sink);
                    Files.write(dir.resolve(e.getKey()), sink.bytes());
                }
            } else {
                if (e.getValue().size() != 1) throw new IllegalArgumentException(e.getKey() + ": a CSV file holds one table");
                if (readMe != null) throw new IllegalArgumentException(e.getKey() + ": a CSV file has no Read me sheet");
                TextSink sink = new TextSink(format);
                walk(e.getValue().get(0), sink);
                Files.write(dir.resolve(e.getKey()), sink.bytes(e.getKey()));
            }
        }
    }

    /** What a format does with each row of a table; {@code row} is 0-based. */
    interface Sink {
        void table(Table t);

        void title(int row, String title);

        void emptyLine(int row);

        void header(int row, List<String> headers);

        void line(int row, Line line);
    }

    /** The same walk for every format: numbers the rows and records them on the table and its lines. */
    static void walk(Table t, Sink sink) {
        sink.table(t);
        int row = 0;
        sink.title(row++, t.title);
        t.titleRow = row;
        for (int i = 0; i < t.blankAfterTitle; i++) sink.emptyLine(row++);
        sink.header(row++, t.headers);
        t.headerRow = row;
        for (Line l : t.lines) {
            l.rowNumber = row + 1;
            sink.line(row++, l);
        }
    }

    /** CSV text: quoted where needed, blank rows as empty lines (or bare delimiters), a Total row padded to the header. */
    static final class TextSink implements Sink {
        final char delim;
        final Charset charset;
        final String eol;
        final boolean bom, padWithDelimiters;
        final StringBuilder sb = new StringBuilder();
        Table table;

        TextSink(FileFormat f) {
            if (f.delimiter() == null || f.delimiter().length() != 1) throw new IllegalArgumentException("a CSV format needs a one-character delimiter");
            this.delim = f.delimiter().charAt(0);
            this.charset = Charset.forName(f.charset());
            this.eol = f.eol();
            this.bom = f.bom();
            this.padWithDelimiters = f.padWithDelimiters();
        }

        String delimiters() {
            return String.valueOf(delim).repeat(table.headers.size() - 1);
        }

        @Override
        public void table(Table t) {
            table = t;
        }

        @Override
        public void title(int row, String title) {
            sb.append(field(title, delim)).append(padWithDelimiters ? delimiters() : "").append(eol);
        }

        @Override
        public void emptyLine(int row) {
            sb.append(eol);
        }

        @Override
        public void header(int row, List<String> headers) {
            sb.append(join(new ArrayList<>(headers), delim)).append(eol);
        }

        @Override
        public void line(int row, Line l) {
            switch (l.kind) {
                case BLANK -> sb.append(padWithDelimiters ? delimiters() : "");
                case EMPTY_STRINGS -> sb.append(delimiters());
                default -> {
                    List<Object> cells = new ArrayList<>(l.cells);
                    if (l.kind == Kind.TOTAL) while (cells.size() < table.headers.size()) cells.add(null);
                    sb.append(join(cells, delim));
                }
            }
            sb.append(eol);
        }

        byte[] bytes(String file) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (bom) out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            if (!charset.newEncoder().canEncode(sb)) throw new IllegalStateException(file + " has characters " + charset + " cannot hold");
            out.write(sb.toString().getBytes(charset));
            return out.toByteArray();
        }

        static String join(List<?> cells, char delim) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) sb.append(delim);
                Object v = cells.get(i);
                if (v instanceof LocalDate) throw new IllegalStateException("date cell in a CSV");
                sb.append(v == null ? "" : field(v.toString(), delim));
            }
            return sb.toString();
        }

        static String field(String v, char delim) {
            if (v.indexOf(delim) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                return '"' + v.replace("\"", "\"\"") + '"';
            }
            return v;
        }
    }

    /** An XLSX workbook: bold title and header, typed cells (date cells in the format's date format), fixed zip times. */
    static final class WorkbookSink implements Sink, AutoCloseable {
        final XSSFWorkbook wb = new XSSFWorkbook();
        final CellStyle dateStyle, bold;
        Table table;
        Sheet sheet;

        WorkbookSink(String dateFormat, List<String> readMe) {
            dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat(dateFormat));
            bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            if (readMe != null) {
                Sheet sh = wb.createSheet("Read me");
                for (int i = 0; i < readMe.size(); i++) {
                    if (readMe.get(i).isEmpty()) continue;
                    sh.createRow(i).createCell(0).setCellValue(readMe.get(i));
                }
            }
        }

        @Override
        public void table(Table t) {
            if (sheet != null) widths();
            table = t;
            sheet = wb.createSheet(t.sheet);
        }

        void widths() {
            for (int c = 0; c < table.headers.size(); c++) sheet.setColumnWidth(c, 18 * 256);
        }

        @Override
        public void title(int row, String title) {
            Cell cell = sheet.createRow(row).createCell(0);
            cell.setCellValue(title);
            cell.setCellStyle(bold);
        }

        @Override
        public void emptyLine(int row) {
            // a blank row is a row with nothing in it
        }

        @Override
        public void header(int row, List<String> headers) {
            Row r = sheet.createRow(row);
            for (int c = 0; c < headers.size(); c++) {
                Cell cell = r.createCell(c);
                cell.setCellValue(headers.get(c));
                cell.setCellStyle(bold);
            }
        }

        @Override
        public void line(int rowIndex, Line l) {
            if (l.kind == Kind.BLANK) return;
            Row row = sheet.createRow(rowIndex);
            if (l.kind == Kind.EMPTY_STRINGS) {
                for (int c = 0; c < table.headers.size(); c++) row.createCell(c).setCellValue("");
                return;
            }
            for (int c = 0; c < l.cells.size(); c++) {
                Object v = l.cells.get(c);
                if (v == null) continue;
                Cell cell = row.createCell(c);
                if (v instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(dateStyle);
                } else if (v instanceof Long n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof Double n) {
                    cell.setCellValue(n);
                } else {
                    cell.setCellValue(v.toString());
                }
            }
        }

        byte[] bytes() throws IOException {
            if (sheet != null) widths();
            Date fixed = Date.from(SampleDataGenerator.ZIP_TIME.toInstant(ZoneOffset.UTC));
            wb.getProperties().getCoreProperties().setCreated(Optional.of(fixed));
            wb.getProperties().getCoreProperties().setModified(Optional.of(fixed));
            wb.getProperties().getCoreProperties().setCreator("Sightline SampleDataGenerator (synthetic)");
            wb.getProperties().getCoreProperties().setTitle("SYNTHETIC SAMPLE DATA - not real people");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            wb.write(raw);
            return fixedTimes(raw.toByteArray());
        }

        @Override
        public void close() throws IOException {
            wb.close();
        }
    }

    /** Re-zips with fixed entry times so the same data gives the same bytes (and SHA-256) every run. */
    static byte[] fixedTimes(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(SampleDataGenerator.ZIP_TIME);
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
