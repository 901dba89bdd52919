package org.sightline.ingest.read;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * A legacy .xls (BIFF8) workbook. The format caps a sheet at 65,536 rows, so POI's in-memory model
 * is bounded; formulas give their cached value and are never evaluated.
 */
public final class XlsFile implements SourceFile {

    private final POIFSFileSystem fs;
    private final HSSFWorkbook workbook;

    private XlsFile(POIFSFileSystem fs, HSSFWorkbook workbook) {
        this.fs = fs;
        this.workbook = workbook;
    }

    public static XlsFile open(Path path) throws IOException {
        POIFSFileSystem fs = null;
        try {
            fs = new POIFSFileSystem(path.toFile(), true);
            if (fs.getRoot().hasEntry("EncryptionInfo") || fs.getRoot().hasEntry("EncryptedPackage")) {
                fs.close();
                throw new UnreadableFileException("the workbook is password-protected (encrypted); save an unprotected copy and send that");
            }
            return new XlsFile(fs, new HSSFWorkbook(fs.getRoot(), false));
        } catch (EncryptedDocumentException e) {
            close(fs);
            throw new UnreadableFileException("the workbook is password-protected (encrypted); save an unprotected copy and send that", e);
        } catch (UnreadableFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            close(fs);
            throw new UnreadableFileException("not a readable .xls workbook (corrupt, or an older Excel format): " + e.getMessage(), e);
        }
    }

    private static void close(POIFSFileSystem fs) {
        if (fs == null) return;
        try {
            fs.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public Format format() {
        return Format.XLS;
    }

    @Override
    public String detail() {
        List<String> hidden = hiddenSheets();
        return hidden.isEmpty() ? "XLS" : "XLS; hidden sheets read like any other: " + String.join(", ", hidden);
    }

    @Override
    public List<String> sheets() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) out.add(workbook.getSheetName(i));
        return out;
    }

    @Override
    public List<String> hiddenSheets() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            if (workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i)) out.add(workbook.getSheetName(i));
        }
        return out;
    }

    @Override
    public SheetReader open(String name) throws IOException {
        Sheet sheet = workbook.getSheet(name);
        if (sheet == null) throw new UnreadableFileException("the workbook has no sheet named '" + name + "'");
        java.util.Iterator<Row> rows = sheet.rowIterator();
        return new SheetReader() {
            @Override
            public SourceRow next() {
                if (!rows.hasNext()) return null;
                Row row = rows.next();
                int last = Math.max(row.getLastCellNum(), 0);
                String[] cells = new String[last];
                for (int i = 0; i < last; i++) cells[i] = text(row.getCell(i));
                return new SourceRow(row.getRowNum() + 1L, cells);
            }

            @Override
            public void close() {
            }
        };
    }

    static String text(Cell cell) {
        if (cell == null) return null;
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) type = cell.getCachedFormulaResultType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            case NUMERIC -> {
                double d = cell.getNumericCellValue();
                if (DateUtil.isCellDateFormatted(cell) && DateUtil.isValidExcelDate(d)) {
                    LocalDateTime t = cell.getLocalDateTimeCellValue();
                    yield t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
                }
                yield new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
            }
            default -> null;
        };
    }

    @Override
    public void close() throws IOException {
        workbook.close();
        fs.close();
    }
}
