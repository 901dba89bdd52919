package org.sightline.report;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Spreadsheet cells of the report exports (the pack's XLSX and the site comparison's): a figure shown as
 * a number is written as a number, with the Excel format that prints it as the PDF does (so a reader can
 * sum and sort it, and sees the same text); a figure not shown ({@code <5}, {@code [c]}, {@code –},
 * {@code no data}) is written as that text. Styles are shared per format and fill (a workbook has a
 * limited number of them).
 */
final class XlsxCells {

    private final Workbook wb;
    private final Map<String, CellStyle> styles = new HashMap<>();

    XlsxCells(Workbook wb) {
        this.wb = wb;
    }

    /** The Excel number format that prints a column's values as {@link org.sightline.report.Cell#text} does, or null for text columns. */
    static String format(FigureSpec.Column c) {
        return switch (c.kind()) {
            case COUNT -> "#,##0";
            case PERCENT -> "0%";
            case MEAN -> excel(c.format() == null ? "0.0" : c.format());
            case MONEY -> "\"£\"" + excel(c.format() == null ? "#,##0" : c.format());
            case RATE -> excel(c.format() == null ? "0%" : c.format());
            case DECIMAL -> excel(c.format() == null ? "#,##0.##" : c.format());
            default -> null;
        };
    }

    /** A DecimalFormat pattern as Excel reads it: optional decimals ({@code 0.##}) have no Excel form that drops the point, so General. */
    private static String excel(String pattern) {
        return pattern.matches(".*\\.[0#]*#.*") ? "General" : pattern;
    }

    /** The number with its format when there is one to show, else the printed text; {@code fill} colours the cell (may be null). */
    void put(Cell cell, Double value, String format, String text, IndexedColors fill) {
        if (value != null && format != null) {
            cell.setCellValue(value);
            cell.setCellStyle(style(format, fill));
        } else {
            cell.setCellValue(text == null ? "" : text);
            if (fill != null) cell.setCellStyle(style(null, fill));
        }
    }

    private CellStyle style(String format, IndexedColors fill) {
        return styles.computeIfAbsent(format + "|" + fill, k -> {
            CellStyle s = wb.createCellStyle();
            if (format != null) s.setDataFormat(wb.createDataFormat().getFormat(format));
            if (fill != null) {
                s.setFillForegroundColor(fill.getIndex());
                s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            }
            return s;
        });
    }
}
