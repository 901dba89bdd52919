package org.sightline.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The pack's figures as a CSV (long form: one line per figure, row and column) and an XLSX (one sheet
 * per figure), beside the PDF. The values are the printed ones: the same suppression applies.
 */
public final class FigureExport {

    private FigureExport() {}

    public static void csv(PackFigures f, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");   // hidden until finished: deliver never sends it
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("\uFEFF");
            line(w, List.of("site_id", "month", "snapshot", "figure", "figure_title", "row", "column", "column_label", "value"));
            String month = f.month().toString();
            // the cover's tiles first (figure "cover", column: the measure's key in reports/metrics.yml)
            for (int i = 0; i < f.tiles().size(); i++) {
                Tile t = f.tiles().get(i);
                line(w, List.of(f.siteId(), month, f.snapshot(), "cover", "Cover", Integer.toString(i + 1), t.key(), t.label(), t.value()));
                if (t.key().equals(CoverTrends.CAPACITY) || t.key().equals(CoverTrends.FOLLOW_UPS)) {
                    // the counts these tiles print in their note
                    line(w, List.of(f.siteId(), month, f.snapshot(), "cover", "Cover", Integer.toString(i + 1), t.key() + "_note", t.label() + ": note", t.note()));
                }
                if (!t.own().isEmpty()) {
                    // a count tile shown over 12 months: the measure's value for its own period, printed in the tile's note
                    String key = t.key().substring(0, t.key().length() - "_12_months".length());
                    line(w, List.of(f.siteId(), month, f.snapshot(), "cover", "Cover", Integer.toString(i + 1), key, t.label() + ": this month", t.own()));
                }
                if (!t.earlier().isEmpty()) {
                    line(w, List.of(f.siteId(), month, f.snapshot(), "cover", "Cover", Integer.toString(i + 1), t.key() + "_year_earlier",
                            t.label() + ": a year earlier", t.earlier()));
                }
                if (!t.warning().isEmpty()) {
                    line(w, List.of(f.siteId(), month, f.snapshot(), "cover", "Cover", Integer.toString(i + 1), t.key() + "_warning",
                            t.label() + ": warning", t.warning()));
                }
                if (!t.check().isEmpty()) {
                    // under the measure's key (a count tile shown over 12 months too: the check is the measure's datasets')
                    String measure = t.own().isEmpty() ? t.key() : t.key().substring(0, t.key().length() - "_12_months".length());
                    line(w, List.of(f.siteId(), month, f.snapshot(), "cover", "Cover", Integer.toString(i + 1), measure + "_data_check",
                            t.label() + ": data check", t.check()));
                }
            }
            for (Figure fig : f.figures().values()) {
                if (!fig.available()) {
                    line(w, List.of(f.siteId(), month, f.snapshot(), fig.spec().name(), fig.spec().title(), "", "", "", fig.noData()));
                    continue;
                }
                // the printed columns only: a hidden column (a percentage's base) is not in the PDF, nor in the
                // disclosure relations, so it is not published here either
                for (int i = 0; i < fig.rows().size(); i++) {
                    for (FigureSpec.Column c : fig.spec().visibleColumns()) {
                        line(w, List.of(f.siteId(), month, f.snapshot(), fig.spec().name(), fig.spec().title(), Integer.toString(i + 1),
                                c.name(), PackFigures.label(fig, c), fig.text(i, c.name())));
                    }
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void line(BufferedWriter w, List<String> cells) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(org.sightline.lake.SafeText.csvCell(cells.get(i)));
        }
        w.write(sb.append("\r\n").toString());
    }

    public static void xlsx(PackFigures f, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");   // hidden until finished: deliver never sends it
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(tmp)) {
            CellStyle bold = wb.createCellStyle();
            Font bf = wb.createFont();
            bf.setBold(true);
            bold.setFont(bf);
            XlsxCells cells = new XlsxCells(wb);

            Sheet about = wb.createSheet("About");
            String[][] lines = {
                    {"Steering-group pack figures", ""},
                    {"Site", f.siteName() + " (" + f.siteId() + ")"},
                    {"Month", f.monthLabel()},
                    {"Data snapshot", f.snapshot()},
                    {"Generated", f.generatedAt()},
                    {"Small numbers", "Counts of 1 to 4 are shown as <5; a percentage, mean or amount over fewer than 5 cases is not shown (–), nor one whose count or whose complement is 1 to 4. [c]: a count withheld so that a <5 cannot be worked out by subtraction."},
                    {"Disclosure check", f.disclosure().line()},
                    {"Where the numbers come from", "Each sheet is one figure: reports/sql/steering/<sheet name>.sql over the lake's DuckDB views."}};
            for (int i = 0; i < lines.length; i++) {
                Row r = about.createRow(i);
                r.createCell(0).setCellValue(lines[i][0]);
                r.getCell(0).setCellStyle(bold);
                r.createCell(1).setCellValue(lines[i][1]);
            }
            about.setColumnWidth(0, 30 * 256);
            about.setColumnWidth(1, 100 * 256);

            Set<String> used = new HashSet<>();
            for (Figure fig : f.figures().values()) {
                String name = fig.spec().name().length() > 31 ? fig.spec().name().substring(0, 31) : fig.spec().name();
                while (!used.add(name)) name = name.substring(0, Math.min(name.length(), 28)) + used.size();
                Sheet s = wb.createSheet(name);
                Row t = s.createRow(0);
                t.createCell(0).setCellValue(fig.spec().title());
                t.getCell(0).setCellStyle(bold);
                s.createRow(1).createCell(0).setCellValue(fig.spec().definition());
                if (!fig.available()) {
                    s.createRow(3).createCell(0).setCellValue(fig.noData());
                    continue;
                }
                List<FigureSpec.Column> cols = fig.spec().visibleColumns();   // as the PDF: no hidden base column
                Row h = s.createRow(3);
                for (int c = 0; c < cols.size(); c++) {
                    h.createCell(c).setCellValue(PackFigures.label(fig, cols.get(c)));
                    h.getCell(c).setCellStyle(bold);
                    s.setColumnWidth(c, Math.max(12, Math.min(40, cols.get(c).label().length() + 4)) * 256);
                }
                for (int i = 0; i < fig.rows().size(); i++) {
                    Row r = s.createRow(4 + i);
                    for (int c = 0; c < cols.size(); c++) {
                        FigureSpec.Column col = cols.get(c);
                        Cell cell = r.createCell(c);
                        // through the pack's disclosure plan, as the PDF: a number where one is shown, else its text
                        cells.put(cell, fig.value(i, col.name()), XlsxCells.format(col), fig.text(i, col.name()), null);
                    }
                }
            }
            wb.write(out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
