package org.sightline.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The hostile-input corpus: every file is generated here at test time (nothing large is committed),
 * each with the outcome Sightline must give. Files are referral logs for a test-only site,
 * HOSTILE_TEST, so whatever loads never touches the sample sites' data.
 */
final class Corpus {

    /** One bad input and what must happen to it. */
    record Case(String file, String format, String outcome, String message, int rejected, String rule) {}

    static final String HEADER = "Site,Referral ID,YP ID,DOB,Date of referral,Referral source,Decision,Decision date,Edge of care";
    static final List<String> HEADER_CELLS = List.of(HEADER.split(","));

    private final Path dir;
    final List<Case> cases = new ArrayList<>();

    Corpus(Path dir) {
        this.dir = dir;
    }

    static String good(String tag, int i) {
        return "Hostile Test,HT-" + tag + "-" + i + ",YP-" + tag + "-" + i + ",01/02/2011,12/03/2025,YOT,Accepted,20/03/2025,Y";
    }

    static List<String> goodRows(String tag, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(good(tag, i));
        return out;
    }

    /** Title row, header, three good rows, then the given rows (the first of them is spreadsheet row 6). */
    static List<String> withGood(String tag, String... more) {
        List<String> lines = new ArrayList<>();
        lines.add("SYNTHETIC hostile case " + tag);
        lines.add(HEADER);
        lines.addAll(goodRows(tag, 3));
        lines.addAll(List.of(more));
        return lines;
    }

    void text(String name, List<String> lines, Charset cs, byte[] bom, String outcome, String message, int rejected, String rule) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bom);
        out.write((String.join("\r\n", lines) + "\r\n").getBytes(cs));
        Files.write(dir.resolve(name), out.toByteArray());
        cases.add(new Case(name, "CSV", outcome, message, rejected, rule));
    }

    void csv(String name, List<String> lines, String outcome, String message, int rejected, String rule) throws IOException {
        text(name, lines, StandardCharsets.UTF_8, new byte[0], outcome, message, rejected, rule);
    }

    void raw(String name, byte[] bytes, String format, String outcome, String message) throws IOException {
        Files.write(dir.resolve(name), bytes);
        cases.add(new Case(name, format, outcome, message, 0, null));
    }

    /** A workbook with one "Referrals" sheet holding the given CSV-like lines; the editor may change it. */
    static void fill(Workbook wb, List<String> lines, Consumer<Sheet> editor) {
        Sheet s = wb.createSheet("Referrals");
        for (int r = 0; r < lines.size(); r++) {
            Row row = s.createRow(r);
            String[] cells = lines.get(r).split(",", -1);
            for (int c = 0; c < cells.length; c++) row.createCell(c).setCellValue(cells[c]);
        }
        if (editor != null) editor.accept(s);
    }

    static byte[] xlsxBytes(List<String> lines, Consumer<Sheet> editor) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(wb, lines, editor);
            wb.write(out);
            return out.toByteArray();
        }
    }

    void xlsx(String name, List<String> lines, Consumer<Sheet> editor, String outcome, String message, int rejected, String rule) throws IOException {
        Files.write(dir.resolve(name), xlsxBytes(lines, editor));
        cases.add(new Case(name, "XLSX", outcome, message, rejected, rule));
    }

    void xls(String name, List<String> lines, Consumer<Sheet> editor, String outcome, String message, int rejected, String rule) throws IOException {
        try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            fill(wb, lines, editor);
            wb.write(out);
        }
        cases.add(new Case(name, "XLS", outcome, message, rejected, rule));
    }

    static Consumer<Sheet> cell(int row, int col, Consumer<Cell> set) {
        return s -> set.accept(s.getRow(row).getCell(col) == null ? s.getRow(row).createCell(col) : s.getRow(row).getCell(col));
    }

    /** Rewrites one entry of a zip (an .xlsx) with new bytes. */
    static byte[] replaceEntry(byte[] zip, String entry, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                z.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(entry)) z.write(content);
                else in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static String entryText(byte[] zip, String entry) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(entry)) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        throw new IOException("no entry " + entry);
    }

    /** Builds the whole corpus into the folder. */
    void build(Path outsideFile) throws Exception {
        String F = "FAILED", L = "LOADED";
        // ---- CSV ---------------------------------------------------------------------------------
        raw("c01-empty.csv", new byte[0], "CSV", F, "the file is empty");
        csv("c02-header-only.csv", List.of("SYNTHETIC hostile case c02", HEADER), F, "no data rows", 0, null);
        csv("c03-wrong-delimiter.csv", withGood("c03").stream().map(l -> l.replace(',', ':')).toList(), F, "no known dataset", 0, null);
        csv("c04-unbalanced-quote.csv", withGood("c04", "Hostile Test,\"HT-c04-9,YP-9,01/02/2011,12/03/2025,YOT,Accepted,20/03/2025,Y"), F, "unbalanced quote", 0, null);
        text("c05-utf16le-bom.csv", withGood("c05"), StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}, L, "3 rows loaded", 0, null);
        text("c06-utf16le-no-bom.csv", withGood("c06"), StandardCharsets.UTF_16LE, new byte[0], L, "3 rows loaded", 0, null);
        text("c07-utf16be-bom.csv", withGood("c07"), StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}, L, "3 rows loaded", 0, null);
        text("c08-windows-1252.csv", withGood("c08").stream().map(l -> l.startsWith("Site") ? l + ",Cost" : l.startsWith("Hostile") ? l + ",£2,594" : l).toList(),
                Charset.forName("windows-1252"), new byte[0], L, "3 rows loaded", 0, null);
        text("c09-utf8-bom.csv", withGood("c09"), StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, L, "3 rows loaded", 0, null);
        List<String> nul = withGood("c10");
        nul.set(3, nul.get(3).replace("YOT", "Y\0OT"));
        csv("c10-nul-byte.csv", nul, F, "NUL byte", 0, null);
        csv("c11-long-cell.csv", withGood("c11", good("c11", 4) + ",\"" + "x".repeat(20_000) + "\""), F, "longer than the limit", 0, null);
        csv("c12-very-long-line.csv", withGood("c12", good("c12", 4) + ",".repeat(3_000)), L, "4 rows loaded", 0, null);
        csv("c13-duplicate-headers.csv", withGood("c13").stream().map(l -> l.startsWith("Site") ? l.replace("YP ID", "Referral ID") : l).toList(), F, "appears twice", 0, null);
        csv("c14-missing-required.csv", withGood("c14").stream().map(l -> l.startsWith("Site") ? l.replace("Date of referral", "Something else") : l).toList(), F, "referral_date", 0, null);
        csv("c15-extra-columns.csv", withGood("c15").stream().map(l -> l.startsWith("Site") ? l + ",Favourite colour,Notes2" : l + ",blue,x").toList(), L, "3 rows loaded", 0, null);
        csv("c16-shifted-columns.csv", withGood("c16", "Hostile Test,HT-c16-9,HT-c16-9,YP-9,01/02/2011,12/03/2025,YOT,Accepted,20/03/2025,Y"), L, "1 rejected", 1, null);
        csv("c17-age-instead-of-dob.csv", withGood("c17").stream().map(l -> l.startsWith("Site") ? l + ",Age" : l.startsWith("Hostile") ? l.replace("01/02/2011", "") + ",14" : l).toList(),
                L, "3 rows loaded", 0, null);
        List<String> age = withGood("c18").stream().map(l -> l.startsWith("Site") ? l.replace("DOB", "Age") : l.startsWith("Hostile") ? l.replace("01/02/2011", "14") : l).toList();
        List<String> ageBad = new ArrayList<>(age);
        ageBad.add("Hostile Test,HT-c18-9,YP-9,fourteen,12/03/2025,YOT,Accepted,20/03/2025,Y");
        csv("c18-integer-type-error.csv", ageBad, L, "1 rejected", 1, "integer");
        csv("c19-date-type-error.csv", withGood("c19", "Hostile Test,HT-c19-9,YP-9,01/02/2011,yesterday,YOT,Accepted,20/03/2025,Y"), L, "1 rejected", 1, "date");
        csv("c20-boolean-type-error.csv", withGood("c20", "Hostile Test,HT-c20-9,YP-9,01/02/2011,12/03/2025,YOT,Accepted,20/03/2025,Partly"), L, "1 rejected", 1, "boolean");
        csv("c21-code-type-error.csv", withGood("c21", "Hostile Test,HT-c21-9,YP-9,01/02/2011,12/03/2025,Housing,Accepted,20/03/2025,Y"), L, "1 rejected", 1, "code");
        csv("c22-impossible-date.csv", withGood("c22", "Hostile Test,HT-c22-9,YP-9,01/02/2011,31/02/2025,YOT,Accepted,20/03/2025,Y"), L, "1 rejected", 1, "date_impossible");
        csv("c23-ambiguous-date.csv", withGood("c23", "Hostile Test,HT-c23-9,YP-9,01/02/2011,03/25/2025,YOT,Accepted,20/03/2025,Y"), L, "1 rejected", 1, "date_ambiguous");
        csv("c24-far-future-date.csv", withGood("c24", "Hostile Test,HT-c24-9,YP-9,01/02/2011,01/01/2099,YOT,Accepted,20/03/2099,Y"), L, "1 rejected", 1, "range");
        csv("c25-far-past-date.csv", withGood("c25", "Hostile Test,HT-c25-9,YP-9,01/02/2011,01/01/1890,YOT,Accepted,20/03/2025,Y"), L, "1 rejected", 1, "range");
        List<String> thousands = new ArrayList<>(age);
        thousands.add("Hostile Test,HT-c26-9,YP-9,\"1,4\",12/03/2025,YOT,Accepted,20/03/2025,Y");
        csv("c26-misplaced-thousands.csv", thousands.stream().map(l -> l.replace("c18", "c26")).toList(), L, "1 rejected", 1, "number");
        List<String> units = new ArrayList<>(age);
        units.add("Hostile Test,HT-c27-9,YP-9,14 yrs,12/03/2025,YOT,Accepted,20/03/2025,Y");
        csv("c27-number-with-units.csv", units.stream().map(l -> l.replace("c18", "c27")).toList(), L, "1 rejected", 1, "integer");
        List<String> many = new ArrayList<>(List.of("SYNTHETIC hostile case c28", HEADER));
        many.addAll(goodRows("c28", 2_100));
        csv("c28-too-many-rows.csv", many, F, "more than 2000 data rows", 0, null);
        List<String> big = new ArrayList<>(List.of("SYNTHETIC hostile case c29", HEADER + ",Padding"));
        String pad = "p".repeat(5_000);
        for (int i = 1; i <= 1_300; i++) big.add(good("c29", i) + "," + pad);
        csv("c29-too-large.csv", big, F, "over the limit", 0, null);
        csv("c30-csv-named-xlsx.xlsx", withGood("c30"), L, "3 rows loaded", 0, null);
        raw("c31-html-named-xls.xls", ("<html><body><table><tr><td>SYNTHETIC</td></tr><tr><td>" + HEADER + "</td></tr></table></body></html>").getBytes(StandardCharsets.UTF_8),
                "CSV", F, "required column(s) missing");
        csv("c32-blank-lines-only.csv", List.of("", "", ",,,", ""), F, "no known dataset", 0, null);
        Files.createSymbolicLink(dir.resolve("c33-symlink.csv"), outsideFile);
        cases.add(new Case("c33-symlink.csv", "CSV", F, "symbolic links are not followed", 0, null));
        List<String> formulas = withGood("c34");
        formulas.addAll(goodRows("c34x", 5));
        formulas.add("Hostile Test,HT-c34-91,YP-91,01/02/2011,12/03/2025,=1+2,Accepted,20/03/2025,Y");
        formulas.add("Hostile Test,HT-c34-92,YP-92,01/02/2011,12/03/2025,+44 20,Accepted,20/03/2025,Y");
        formulas.add("Hostile Test,HT-c34-93,YP-93,01/02/2011,12/03/2025,-5,Accepted,20/03/2025,Y");
        formulas.add("Hostile Test,HT-c34-94,YP-94,01/02/2011,12/03/2025,@SUM(A1),Accepted,20/03/2025,Y");
        csv("c34-formula-injection.csv", formulas, L, "4 rejected", 4, "code");
        csv("c35-repeated-header-and-total.csv", withGood("c35", HEADER, good("c35", 7), "", "Total,4"), L, "4 rows loaded", 0, null);
        csv("c36-mostly-bad.csv", withGood("c36", "x,,,,,,,,", "y,,,,,,,,", "z,,,,,,,,", "w,,,,,,,,"), F, "the whole file is refused", 4, null);

        // a decimal type error: a TAM-R score written as a word, among good scores (fidelity_tam, append)
        csv("c37-decimal-type-error.csv", List.of("SYNTHETIC hostile case c37 - TAM-R export",
                "Site,Therapist ID,Case ID,Interview date,Adherence score",
                "Hostile Test,HT-T1,HT-c37-1,12/03/2025,0.72", "Hostile Test,HT-T1,HT-c37-2,13/03/2025,0.81",
                "Hostile Test,HT-T2,HT-c37-3,14/03/2025,0.65", "Hostile Test,HT-T2,HT-c37-4,15/03/2025,seventy"), L, "1 rejected", 1, "decimal");

        // ---- XLSX --------------------------------------------------------------------------------
        xlsx("x01-title-rows.xlsx", withGood("x01"), null, L, "3 rows loaded", 0, null);
        xlsx("x02-ref-error.xlsx", withGood("x02", good("x02", 4)), cell(5, 4, c -> c.setCellErrorValue(FormulaError.REF.getCode())), L, "1 rejected", 1, "excel_error");
        xlsx("x03-div0-error.xlsx", withGood("x03", good("x03", 4)), cell(5, 3, c -> c.setCellErrorValue(FormulaError.DIV0.getCode())), L, "1 rejected", 1, "excel_error");
        List<String> fx = withGood("x04").stream().map(l -> l.startsWith("Site") ? l.replace("DOB", "Age") : l.replace("01/02/2011", "0")).toList();
        xlsx("x04-formula-cached-value.xlsx", fx, s -> {
            for (int r = 2; r <= 4; r++) s.getRow(r).getCell(3).setCellFormula("10+4");
            s.getWorkbook().getCreationHelper().createFormulaEvaluator().evaluateAll();
        }, L, "3 rows loaded", 0, null);
        xlsx("x05-merged-cells.xlsx", withGood("x05"), s -> {
            s.getRow(3).getCell(0).setBlank();
            s.addMergedRegion(new CellRangeAddress(2, 3, 0, 0));
        }, L, "1 rejected", 1, "required");
        byte[] hidden;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Cover").createRow(0).createCell(0).setCellValue("SYNTHETIC cover");
            fill(wb, withGood("x06"), null);
            wb.setSheetHidden(1, true);
            wb.write(out);
            hidden = out.toByteArray();
        }
        raw("x06-hidden-sheet.xlsx", hidden, "XLSX", L, "3 rows loaded");
        xlsx("x07-hidden-rows.xlsx", withGood("x07", good("x07", 4)), s -> s.getRow(4).setZeroHeight(true), L, "4 rows loaded", 0, null);
        raw("x08-password-protected.xlsx", encrypted(xlsxBytes(withGood("x08"), null)), "XLSX", F, "password-protected");
        byte[] whole = xlsxBytes(withGood("x09"), null);
        raw("x09-corrupt-zip.xlsx", java.util.Arrays.copyOf(whole, whole.length / 2), "XLSX", F, "workbook");
        raw("x10-zip-bomb.xlsx", zipBomb(), "XLSX", F, "zip bomb");
        raw("x11-xxe.xlsx", xxe(), "XLSX", F, "declares a DTD or entity");
        raw("x12-xlsx-named-csv.csv", xlsxBytes(withGood("x12"), null), "XLSX", L, "3 rows loaded");
        xlsx("x13-no-matching-sheet.xlsx", List.of("SYNTHETIC", "Colour,Shape", "red,square"), null, F, "no known dataset", 0, null);
        xlsx("x14-serial-number-dates.xlsx", withGood("x14"), s -> {
            for (int r = 2; r <= 4; r++) s.getRow(r).getCell(4).setCellValue(45_728); // 12/03/2025 as a plain number
        }, L, "3 rows loaded", 0, null);
        raw("x15-empty-workbook.xlsx", xlsxBytes(List.of(), null), "XLSX", F, "no known dataset");

        // ---- XLS ---------------------------------------------------------------------------------
        xls("l01-good.xls", withGood("l01"), null, L, "3 rows loaded", 0, null);
        xls("l02-bad-code.xls", withGood("l02", "Hostile Test,HT-l02-9,YP-9,01/02/2011,12/03/2025,Housing,Accepted,20/03/2025,Y"), null, L, "1 rejected", 1, "code");
        xls("l03-ref-error.xls", withGood("l03", good("l03", 4)), cell(5, 4, c -> c.setCellErrorValue(FormulaError.REF.getCode())), L, "1 rejected", 1, "excel_error");
        raw("l04-password-protected.xls", encryptedXls(withGood("l04")), "XLS", F, "password-protected");
        byte[] ole = new byte[4096];
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}, 0, ole, 0, 8);
        raw("l05-corrupt.xls", ole, "XLS", F, "not a readable .xls workbook");
    }

    static byte[] encrypted(byte[] xlsx) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.standard);
            Encryptor enc = info.getEncryptor();
            enc.confirmPassword("secret");
            try (OutputStream os = enc.getDataStream(fs)) {
                os.write(xlsx);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    static byte[] encryptedXls(List<String> lines) throws IOException {
        Biff8EncryptionKey.setCurrentUserPassword("secret");
        try (HSSFWorkbook wb = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(wb, lines, null);
            wb.write(out);
            return out.toByteArray();
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
    }

    /** An .xlsx whose sheet XML inflates from ~100 KB to 100 MB. */
    static byte[] zipBomb() throws IOException {
        byte[] base = xlsxBytes(withGood("x10"), null);
        String sheet = entryText(base, "xl/worksheets/sheet1.xml");
        int at = sheet.indexOf("<sheetData>") + "<sheetData>".length();
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        xml.write(sheet.substring(0, at).getBytes(StandardCharsets.UTF_8));
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < 100; i++) xml.write(spaces);
        xml.write(sheet.substring(at).getBytes(StandardCharsets.UTF_8));
        return replaceEntry(base, "xl/worksheets/sheet1.xml", xml.toByteArray());
    }

    /** An .xlsx whose sheet XML declares an external entity pointing at /etc/passwd. */
    static byte[] xxe() throws IOException {
        byte[] base = xlsxBytes(withGood("x11"), null);
        String sheet = entryText(base, "xl/worksheets/sheet1.xml");
        String evil = sheet.replaceFirst("<\\?xml[^>]*\\?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
                .replace("<sheetData>", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>");
        return replaceEntry(base, "xl/worksheets/sheet1.xml", evil.getBytes(StandardCharsets.UTF_8));
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
