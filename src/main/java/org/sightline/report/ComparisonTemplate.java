package org.sightline.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import net.sf.jasperreports.engine.JasperReport;

/**
 * The site comparison's table template, laid out for the registry's comparison measures (one column
 * each, however many there are): rank, site and period, a column per measure with its RAG letter and
 * colour, then the context column (one line per LA the site serves, the LA named). The JRXML is written here from the measure count and compiled
 * (and cached like every template); nothing of it is kept in {@code reports/}. Fields: rank, site, note,
 * context, mN/yN (the month's and the 12 months' value of measure N), mrN/yrN (their
 * RAG letters); parameters: TITLE, SUBTITLE, FOOTER, MONTH_LABEL, LEGEND, ALL_NOTE, HN (headers),
 * AMN/AYN (the all-site values).
 */
final class ComparisonTemplate {

    static final String NAME = "site-comparison";
    private static final int W = 802;
    /** Where the measure columns start (after rank, site, period) and the context column's least width. */
    private static final int MX = 142, CONTEXT_MIN = 156;

    private ComparisonTemplate() {}

    static JasperReport compile(int measures, Path cache) {
        return ReportTemplates.compile(NAME, jrxml(measures).getBytes(StandardCharsets.UTF_8), cache);
    }

    /** The JRXML for {@code n} measure columns. */
    static String jrxml(int n) {
        int mw = Math.min(42, (W - MX - CONTEXT_MIN) / Math.max(n, 1));
        int cx = MX + n * mw;
        StringBuilder a = new StringBuilder();
        a.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        a.append("<jasperReport name=\"site-comparison\" language=\"java\" pageWidth=\"842\" pageHeight=\"595\" orientation=\"Landscape\" columnWidth=\"802\" leftMargin=\"20\" rightMargin=\"20\" topMargin=\"18\" bottomMargin=\"14\" whenNoDataType=\"AllSectionsNoDetail\">\n");
        a.append("\t<style name=\"base\" default=\"true\" fontName=\"DejaVu Sans\" fontSize=\"6.5\" forecolor=\"#263238\"/>\n");
        a.append("\t<style name=\"h1\" fontName=\"DejaVu Sans\" fontSize=\"13.0\" bold=\"true\" forecolor=\"#1F3A5F\"/>\n");
        a.append("\t<style name=\"lead\" fontName=\"DejaVu Sans\" fontSize=\"7.5\" forecolor=\"#455A64\"/>\n");
        a.append("\t<style name=\"head\" fontName=\"DejaVu Sans\" fontSize=\"6.0\" bold=\"true\" forecolor=\"#37474F\" mode=\"Opaque\" backcolor=\"#ECEFF1\"/>\n");
        a.append("\t<style name=\"all\" fontName=\"DejaVu Sans\" fontSize=\"6.5\" bold=\"true\" forecolor=\"#1F3A5F\" mode=\"Opaque\" backcolor=\"#E3EAF2\"/>\n");
        a.append("\t<style name=\"note\" fontName=\"DejaVu Sans\" fontSize=\"5.5\" italic=\"true\" forecolor=\"#607D8B\"/>\n");
        for (String p : new String[]{"m", "y"}) {
            for (int i = 0; i < n; i++) {
                a.append("\t<style name=\"c").append(p).append(i).append("\" mode=\"Transparent\" fontName=\"DejaVu Sans\" fontSize=\"6.5\">\n");
                for (String[] lc : new String[][]{{"G", "#C8E6C9"}, {"A", "#FFE0B2"}, {"R", "#FFCDD2"}}) {
                    a.append("\t\t<conditionalStyle mode=\"Opaque\" backcolor=\"").append(lc[1]).append("\"><conditionExpression><![CDATA[\"")
                            .append(lc[0]).append("\".equals($F{").append(p).append("r").append(i).append("})]]></conditionExpression></conditionalStyle>\n");
                }
                a.append("\t</style>\n");
            }
        }
        for (String p : new String[]{"TITLE", "SUBTITLE", "FOOTER", "MONTH_LABEL", "LEGEND", "ALL_NOTE"}) parameter(a, p);
        for (int i = 0; i < n; i++) for (String p : new String[]{"H", "AM", "AY"}) parameter(a, p + i);
        for (String f : new String[]{"rank", "site", "note", "context"}) field(a, f);
        for (int i = 0; i < n; i++) for (String f : new String[]{"m", "y", "mr", "yr"}) field(a, f + i);
        String pad = "\n\t\t\t\t<box leftPadding=\"2\" rightPadding=\"2\"/>";
        String padb = "\n\t\t\t\t<box leftPadding=\"2\" rightPadding=\"2\" bottomPadding=\"2\"><bottomPen lineWidth=\"0.75\" lineColor=\"#90A4AE\"/></box>";
        a.append("\t<pageHeader height=\"36\">\n");
        tf(a, 0, 0, W, 18, "$P{TITLE}", "h1", "Left", "Middle", "", "");
        tf(a, 0, 19, W, 12, "$P{SUBTITLE}", "lead", "Left", "Middle", "", "");
        a.append("\t\t<element kind=\"line\" x=\"0\" y=\"33\" width=\"802\" height=\"1\" forecolor=\"#1F3A5F\"><pen lineWidth=\"1.0\"/></element>\n");
        a.append("\t</pageHeader>\n");
        int hh = 30;
        a.append("\t<columnHeader height=\"52\">\n");
        tf(a, 0, 0, 14, hh, "\"#\"", "head", "Left", "Bottom", "", padb);
        tf(a, 14, 0, 98, hh, "\"Site\"", "head", "Left", "Bottom", "", padb);
        tf(a, 112, 0, 30, hh, "\"Period\"", "head", "Left", "Bottom", "", padb);
        for (int i = 0; i < n; i++) tf(a, MX + i * mw, 0, mw, hh, "$P{H" + i + "}", "head", "Right", "Bottom", " textAdjust=\"ScaleFont\"", padb);
        tf(a, cx, 0, W - cx, hh, "\"Local authority: CLA rate per 10,000 (latest) · statistical neighbours' mean · Ofsted overall (latest)\"", "head", "Left", "Bottom", "", padb);
        tf(a, 0, hh + 1, 142, 10, "\"All sites · \" + $P{ALL_NOTE}", "all", "Left", "Middle", "", pad);
        tf(a, 112, hh + 1, 30, 10, "$P{MONTH_LABEL}", "all", "Left", "Middle", "", pad);
        tf(a, 0, hh + 11, 112, 10, "\"\"", "all", "Left", "Middle", "", pad);
        tf(a, 112, hh + 11, 30, 10, "\"12 mo\"", "all", "Left", "Middle", "", pad);
        for (int i = 0; i < n; i++) {
            tf(a, MX + i * mw, hh + 1, mw, 10, "$P{AM" + i + "}", "all", "Right", "Middle", "", pad);
            tf(a, MX + i * mw, hh + 11, mw, 10, "$P{AY" + i + "}", "all", "Right", "Middle", "", pad);
        }
        tf(a, cx, hh + 1, W - cx, 20, "\"\"", "all", "Left", "Middle", "", pad);
        a.append("\t\t<element kind=\"line\" x=\"0\" y=\"").append(hh + 21).append("\" width=\"802\" height=\"1\" forecolor=\"#90A4AE\"><pen lineWidth=\"0.75\"/></element>\n");
        a.append("\t</columnHeader>\n\t<detail>\n\t\t<band height=\"22\" splitType=\"Prevent\">\n");
        tf(a, 0, 1, 14, 10, "$F{rank}", null, "Left", "Middle", "", pad);
        tf(a, 14, 1, 98, 10, "$F{site}", null, "Left", "Middle", " textAdjust=\"ScaleFont\"", pad);
        tf(a, 14, 11, 98, 10, "$F{note}", "note", "Left", "Middle", " textAdjust=\"ScaleFont\"", pad);
        tf(a, 112, 1, 30, 10, "$P{MONTH_LABEL}", "note", "Left", "Middle", "", pad);
        tf(a, 112, 11, 30, 10, "\"12 mo\"", "note", "Left", "Middle", "", pad);
        for (int i = 0; i < n; i++) {
            for (String[] py : new String[][]{{"m", "1"}, {"y", "11"}}) {
                int y = Integer.parseInt(py[1]);
                tf(a, MX + i * mw, y, mw, 10, "$F{" + py[0] + i + "}", "c" + py[0] + i, "Right", "Middle", "", "\n\t\t\t\t<box leftPadding=\"2\" rightPadding=\"7\"/>");
                tf(a, MX + i * mw + mw - 7, y, 6, 10, "$F{" + py[0] + "r" + i + "}", "note", "Left", "Middle", "", "");
            }
        }
        tf(a, cx, 1, W - cx, 20, "$F{context}", null, "Left", "Top", " textAdjust=\"ScaleFont\"", pad);
        a.append("\t\t\t<element kind=\"line\" x=\"0\" y=\"21\" width=\"802\" height=\"1\" forecolor=\"#CFD8DC\"><pen lineWidth=\"0.4\"/></element>\n");
        a.append("\t\t</band>\n\t</detail>\n\t<pageFooter height=\"22\">\n");
        a.append("\t\t<element kind=\"line\" x=\"0\" y=\"2\" width=\"802\" height=\"1\" forecolor=\"#B0BEC5\"><pen lineWidth=\"0.5\"/></element>\n");
        tf(a, 0, 4, 740, 16, "$P{FOOTER} + \" by Sightline\\nG on target · A close to target · R off target.   <5: a count of 1 to 4.   –: not shown (fewer than 5 cases, or it would reveal a count of 1 to 4).   no data: nothing in the lake for the site and period.\"",
                null, "Left", "Middle", " fontSize=\"6.0\"", "");
        tf(a, 740, 4, 62, 10, "\"Page \" + $V{PAGE_NUMBER}", null, "Right", "Middle", " fontSize=\"7.0\" bold=\"true\"", "");
        a.append("\t</pageFooter>\n\t<summary height=\"40\" splitType=\"Prevent\">\n");
        tf(a, 0, 6, W, 30, "$P{LEGEND}", "lead", "Left", "Top", " textAdjust=\"StretchHeight\"", "");
        a.append("\t</summary>\n</jasperReport>\n");
        return a.toString();
    }

    private static void parameter(StringBuilder a, String name) {
        a.append("\t<parameter name=\"").append(name).append("\" class=\"java.lang.String\"/>\n");
    }

    private static void field(StringBuilder a, String name) {
        a.append("\t<field name=\"").append(name).append("\" class=\"java.lang.String\"/>\n");
    }

    private static void tf(StringBuilder a, int x, int y, int w, int h, String expr, String style, String align, String valign, String extra, String box) {
        a.append("\t\t\t<element kind=\"textField\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" blankWhenNull=\"true\" hTextAlign=\"").append(align).append("\" vTextAlign=\"")
                .append(valign).append('"').append(style == null ? "" : " style=\"" + style + "\"").append(extra).append(">\n")
                .append("\t\t\t\t<expression><![CDATA[").append(expr).append("]]></expression>").append(box).append("\n\t\t\t</element>\n");
    }
}
