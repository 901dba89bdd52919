package org.sightline.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbookReaderTest {

    @TempDir
    Path dir;

    /** Title row, merged group heading, real date cell, formula with cached value, error cell. */
    static void fill(Workbook wb) {
        Sheet notes = wb.createSheet("Notes");
        notes.createRow(0).createCell(0).setCellValue("SYNTHETIC — read me");
        Sheet s = wb.createSheet("Referrals");
        s.createRow(0).createCell(0).setCellValue("SYNTHETIC SAMPLE DATA");
        Row group = s.createRow(2);
        group.createCell(2).setCellValue("Outcome");
        s.addMergedRegion(new CellRangeAddress(2, 2, 2, 3));
        Row h = s.createRow(3);
        h.createCell(0).setCellValue("Referral ID");
        h.createCell(1).setCellValue("Date");
        h.createCell(2).setCellValue("At home");
        h.createCell(3).setCellValue("Score");
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
        Row r = s.createRow(4);
        r.createCell(0).setCellValue("IC-001");
        r.createCell(1).setCellValue(LocalDate.of(2025, 3, 12));
        r.getCell(1).setCellStyle(date);
        r.createCell(2).setCellValue(true);
        r.createCell(3).setCellFormula("1/4");
        Row e = s.createRow(6); // row 6 left blank on purpose (row index 5)
        e.createCell(0).setCellValue("IC-002");
        e.createCell(3).setCellErrorValue(FormulaError.REF.getCode());
    }

    private List<SourceRow> read(Path f, String sheet) throws Exception {
        try (SourceFile src = SourceFiles.open(f, Fingerprint.of(f), 32_767); SheetReader r = src.open(sheet)) {
            List<SourceRow> out = new ArrayList<>();
            SourceRow row;
            while ((row = r.next()) != null) out.add(row);
            return out;
        }
    }

    private void check(Path f) throws Exception {
        try (SourceFile src = SourceFiles.open(f, Fingerprint.of(f), 32_767)) {
            assertThat(src.sheets()).containsExactly("Notes", "Referrals");
        }
        List<SourceRow> rows = read(f, "Referrals");
        SourceRow data = rows.stream().filter(r -> "IC-001".equals(r.cell(0))).findFirst().orElseThrow();
        assertThat(data.row()).isEqualTo(5);
        assertThat(data.cell(1)).isEqualTo("2025-03-12");
        assertThat(data.cell(2)).isEqualTo("TRUE");
        assertThat(data.cell(3)).isEqualTo("0.25"); // the cached result, never evaluated by Sightline
        SourceRow err = rows.stream().filter(r -> "IC-002".equals(r.cell(0))).findFirst().orElseThrow();
        assertThat(err.row()).isEqualTo(7);
        assertThat(err.cell(3)).isEqualTo("#REF!");
    }

    @Test
    void xlsxIsStreamedWithDatesFormulasAndErrors() throws Exception {
        Path f = dir.resolve("w.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            fill(wb);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
        }
        check(f);
    }

    @Test
    void legacyXlsReadsTheSame() throws Exception {
        Path f = dir.resolve("w.xls");
        try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            fill(wb);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
        }
        check(f);
    }

    @Test
    void aWorkbookWithTheWrongExtensionIsReadByItsContent() throws Exception {
        Path f = dir.resolve("actually-a-workbook.csv");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            fill(wb);
            wb.write(out);
        }
        try (SourceFile src = SourceFiles.open(f, Fingerprint.of(f), 100)) {
            assertThat(src.format()).isEqualTo(SourceFile.Format.XLSX);
        }
    }
}
