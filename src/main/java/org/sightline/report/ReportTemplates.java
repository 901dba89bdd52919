package org.sightline.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;

/**
 * The JRXML templates under {@code reports/}, compiled once per run and reused for every pack (a
 * compiled {@link JasperReport} can be filled any number of times).
 */
public final class ReportTemplates {

    static {
        System.setProperty("java.awt.headless", "true");
        DefaultJasperReportsContext ctx = DefaultJasperReportsContext.getInstance();
        // Only the bundled font extension (DejaVu, embedded in every PDF): a font that is not there is an
        // error, never a silent fallback to a system font.
        ctx.setProperty("net.sf.jasperreports.awt.ignore.missing.font", "false");
        ctx.setProperty("net.sf.jasperreports.default.font.name", "DejaVu Sans");
        ctx.setProperty("net.sf.jasperreports.default.pdf.embedded", "true");
        ctx.setProperty("net.sf.jasperreports.default.pdf.encoding", "Identity-H");
    }

    private ReportTemplates() {}

    /** Compiles every {@code *.jrxml} in the folder; the map key is the file name without extension. */
    public static Map<String, JasperReport> compileAll(Path dir) {
        Map<String, JasperReport> out = new LinkedHashMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".jrxml")).sorted().toList()) {
                String name = p.getFileName().toString().replaceFirst("\\.jrxml$", "");
                try (InputStream in = Files.newInputStream(p)) {
                    out.put(name, JasperCompileManager.compileReport(in));
                } catch (JRException e) {
                    throw new IllegalStateException("the report template " + p + " does not compile: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the report templates in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
