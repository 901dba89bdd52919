package org.sightline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Benchmark inputs, generated at run time (never committed): a synthetic referral log as CSV and as
 * XLSX, in the shape the sample sites send, with deterministic content.
 */
public final class BenchData {
    private BenchData() {}

    static final String[] SITES = {"Isolated Coastal", "Expanded City", "Metro City", "Northern Shire", "River Valley"};
    static final String[] SOURCES = {"Children's Social Care", "YOT", "CAMHS", "School", "Police", "Health", "Family", "Other"};
    static final String[] DECISIONS = {"Accepted", "Accepted", "Accepted", "Declined", "Withdrawn"};
    static final String[] DECLINE = {"Not eligible", "Family declined", "No capacity"};
    static final String HEADER = "Site,Referral ID,YP ID,Young person name,DOB,Date of referral,Referral source,Decision,Decision date,Decline reason,Postcode,Edge of care,Notes";

    /** Column indexes of the dates (DOB, date of referral, decision date) and of the referral number. */
    static final int DOB = 4, REFERRED = 5, DECIDED = 8, REFERRAL_ID = 1;

    /** One row; dates as {@link LocalDate}, everything else as text. */
    static Object[] values(SplittableRandom r, int i) {
        LocalDate referral = LocalDate.of(2018, 1, 1).plusDays(r.nextInt(3000));
        LocalDate dob = referral.minusDays(3650 + r.nextInt(2900));
        String decision = DECISIONS[r.nextInt(DECISIONS.length)];
        return new Object[] {
                SITES[i % SITES.length],
                "BR-" + i,
                "YP" + (1_000_000 + r.nextInt(8_000_000)),
                "Synthetic Person " + (i % 9973),
                dob,
                referral,
                SOURCES[r.nextInt(SOURCES.length)],
                decision,
                referral.plusDays(r.nextInt(30)),
                decision.equals("Declined") ? DECLINE[r.nextInt(DECLINE.length)] : "",
                "B" + (1 + r.nextInt(40)) + " " + r.nextInt(10) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)),
                r.nextBoolean() ? "Y" : "N",
                "synthetic note " + r.nextInt(1000)};
    }

    /** One CSV row as people send it: DOB and referral date as d/m/yyyy, the decision date ISO. */
    static String[] row(SplittableRandom r, int i) {
        Object[] v = values(r, i);
        String[] out = new String[v.length];
        for (int c = 0; c < v.length; c++) {
            if (c == DOB || c == REFERRED) {
                LocalDate d = (LocalDate) v[c];
                out[c] = d.getDayOfMonth() + "/" + d.getMonthValue() + "/" + d.getYear();
            } else {
                out[c] = v[c].toString();
            }
        }
        return out;
    }

    /** A referral-log CSV of {@code rows} rows (about 120 bytes a row). */
    public static Path csv(Path file, int rows) throws IOException {
        SplittableRandom r = new SplittableRandom(2024);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (int i = 1; i <= rows; i++) {
                w.write(String.join(",", row(r, i)));
                w.write('\n');
            }
        }
        return file;
    }

    /**
     * The same layout as an .xlsx, written with POI's streaming writer, with typed cells as exports
     * have them: the three dates are date cells (dd/mm/yyyy format), the referral ID a number cell
     * (1, 2, ...), the rest text.
     */
    public static Path xlsx(Path file, int rows) throws IOException {
        SplittableRandom r = new SplittableRandom(2025);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500); OutputStream out = Files.newOutputStream(file)) {
            wb.setCompressTempFiles(true);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            Sheet s = wb.createSheet("Referrals");
            s.createRow(0).createCell(0).setCellValue("SYNTHETIC BENCHMARK DATA - not real people");
            Row h = s.createRow(1);
            String[] header = HEADER.split(",");
            for (int c = 0; c < header.length; c++) h.createCell(c).setCellValue(header[c]);
            for (int i = 1; i <= rows; i++) {
                Row row = s.createRow(i + 1);
                Object[] cells = values(r, i);
                for (int c = 0; c < cells.length; c++) {
                    Cell cell = row.createCell(c);
                    if (cells[c] instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else if (c == REFERRAL_ID) {
                        cell.setCellValue(i);
                    } else {
                        cell.setCellValue(cells[c].toString());
                    }
                }
            }
            wb.write(out);
            wb.dispose();
        }
        return file;
    }
}
