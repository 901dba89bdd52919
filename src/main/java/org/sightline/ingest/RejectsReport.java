package org.sightline.ingest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The rejects report: one line per bad value, naming file, sheet, row, column, the (masked) value,
 * the rule and a plain-English message; as CSV and as XLSX. Cells that a spreadsheet would run as a
 * formula are neutralised with a leading apostrophe ({@link org.sightline.lake.SafeText}); values that
 * look personal are masked whatever their column ({@link PersonalData}, applied by {@link RowError}).
 */
public final class RejectsReport {

    public static final List<String> HEADER = List.of("file", "sheet", "row", "column", "source_column", "value", "rule", "message");

    private RejectsReport() {}

    /** Appends errors to a CSV (header written when the file is new). */
    public static void appendCsv(Path csv, List<RowError> errors) throws IOException {
        boolean fresh = !Files.exists(csv);
        Files.createDirectories(csv.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            if (fresh) writeLine(w, HEADER);
            for (RowError e : errors) {
                writeLine(w, List.of(e.file(), e.sheet() == null ? "" : e.sheet(), Long.toString(e.row()), e.column(),
                        e.source(), e.value(), e.rule(), e.message()));
            }
        }
    }

    /** Joins chunk files into the final CSV and writes the XLSX beside it; returns the line count. */
    public static long assemble(List<Path> parts, Path csv) throws IOException {
        Files.createDirectories(csv.getParent());
        long lines = 0;
        Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            writeLine(w, HEADER);
            for (Path p : parts) {
                try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    r.readLine(); // header
                    String line;
                    while ((line = r.readLine()) != null) {
                        w.write(line);
                        w.write("\r\n");
                        lines++;
                    }
                }
            }
        }
        Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        writeXlsx(csv, xlsxPath(csv));
        return lines;
    }

    public static Path xlsxPath(Path csv) {
        String n = csv.getFileName().toString();
        return csv.resolveSibling(n.substring(0, n.length() - 4) + ".xlsx");
    }

    private static void writeXlsx(Path csv, Path xlsx) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            Sheet sheet = wb.createSheet("Rejected values");
            int rowNum = 0;
            List<String> record;
            while ((record = readRecord(r)) != null) {
                Row row = sheet.createRow(rowNum++);
                for (int i = 0; i < record.size(); i++) {
                    String v = record.get(i);
                    if (rowNum > 1 && i == 2 && v.matches("\\d+")) row.createCell(i).setCellValue(Long.parseLong(v));
                    else row.createCell(i).setCellValue(neutralise(v));
                }
            }
            Path tmp = xlsx.resolveSibling(xlsx.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
            Files.move(tmp, xlsx, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            wb.dispose();
        }
    }

    /** A value that starts like a formula is prefixed with an apostrophe so no spreadsheet runs it ({@link org.sightline.lake.SafeText#neutralise}). */
    public static String neutralise(String v) {
        return org.sightline.lake.SafeText.neutralise(v);
    }

    private static void writeLine(BufferedWriter w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) w.write(',');
            w.write(org.sightline.lake.SafeText.csvCell(cells.get(i)));
        }
        w.write("\r\n");
    }

    /** Reads one CSV record written by this class (quoted fields may hold line breaks). */
    static List<String> readRecord(BufferedReader r) throws IOException {
        int c = r.read();
        if (c == -1) return null;
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) break;
                if (c == '"') {
                    r.mark(1);
                    int d = r.read();
                    if (d == '"') cell.append('"');
                    else {
                        quoted = false;
                        if (d != -1) r.reset();
                    }
                } else cell.append((char) c);
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == '\r') {
                // part of CRLF
            } else if (c == '\n' || c == -1) {
                break;
            } else {
                cell.append((char) c);
            }
            c = r.read();
        }
        out.add(cell.toString());
        return out;
    }
}
