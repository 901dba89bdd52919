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
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.engine.util.JRSaver;

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

    /**
     * Compiles every {@code *.jrxml} in the folder; the map key is the file name without extension.
     * With a cache folder, a compiled template is saved there under the hash of its JRXML, the
     * JasperReports version and the report classes it calls, and loaded instead of compiled when
     * nothing of these changed (compiling the expressions is most of the start-up time).
     */
    public static Map<String, JasperReport> compileAll(Path dir, Path cache) {
        Map<String, JasperReport> out = new LinkedHashMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".jrxml")).sorted().toList()) {
                String name = p.getFileName().toString().replaceFirst("\\.jrxml$", "");
                out.put(name, compile(p, cache));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the report templates in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    public static Map<String, JasperReport> compileAll(Path dir) {
        return compileAll(dir, null);
    }

    private static JasperReport compile(Path jrxml, Path cache) throws IOException {
        return compile(jrxml.getFileName().toString().replaceFirst("\\.jrxml$", ""), Files.readAllBytes(jrxml), cache);
    }

    /** Compiles a template's JRXML (from a file or written by code), through the cache as above. */
    static JasperReport compile(String name, byte[] source, Path cache) {
        Path cached = null;
        if (cache != null) {
            cached = cache.resolve(name + "-" + key(source) + ".jasper");
            if (Files.exists(cached)) {
                try (InputStream in = Files.newInputStream(cached)) {
                    return (JasperReport) JRLoader.loadObject(in);
                } catch (JRException | RuntimeException | IOException e) {
                    try {
                        Files.deleteIfExists(cached);   // unreadable: compile again
                    } catch (IOException gone) {
                        // compiled again below
                    }
                }
            }
        }
        JasperReport report;
        try (InputStream in = new java.io.ByteArrayInputStream(source)) {
            report = JasperCompileManager.compileReport(in);
        } catch (JRException e) {
            throw new IllegalStateException("the report template " + name + " does not compile: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (cached != null) {
            try {
                Files.createDirectories(cache);
                Path tmp = cached.resolveSibling(cached.getFileName() + ".tmp");
                try (java.io.OutputStream o = Files.newOutputStream(tmp)) {
                    JRSaver.saveObject(report, o);
                }
                Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | JRException e) {
                // a cache that cannot be written only costs the next run a compile
            }
        }
        return report;
    }

    /** Hash of the template, the JasperReports version and the classes its expressions call. */
    private static String key(byte[] source) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(source);
            md.update(String.valueOf(JasperReport.class.getPackage().getImplementationVersion()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Class<?> c : new Class<?>[]{PackFigures.class, Figure.class, Tile.class, CountAxis.class, SiteComparison.class}) {
                try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                    if (in != null) md.update(in.readAllBytes());
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
