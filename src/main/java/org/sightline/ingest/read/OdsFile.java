package org.sightline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An OpenDocument spreadsheet ({@code .ods}, the format Ofsted and DfE publish in) read as a stream:
 * {@code content.xml} is pulled one row at a time (StAX) straight out of the zip, so memory stays flat
 * however large the sheet (Ofsted's 2 MB underlying-data workbook inflates to 40 MB of XML).
 *
 * <p>Hand-written on purpose: the maintained Java ODS libraries on Maven Central (SODS, the ODF
 * Toolkit's ODFDOM) build the whole document in memory before the first cell can be read.
 *
 * <p>Cells: a date cell comes out as ISO {@code yyyy-mm-dd} (with the time only when it is not
 * midnight), a number as its unformatted value ({@code 3.0} as {@code 3}), a boolean as TRUE/FALSE, text
 * as its paragraphs joined by line breaks. Repeated rows and cells ({@code number-rows-repeated},
 * {@code number-columns-repeated}) are expanded, except the blank filler a spreadsheet program writes to
 * the sheet's edge, which only advances the row number. DTDs and external entities are refused.
 */
public final class OdsFile implements SourceFile {

    /** The mimetype an ODS zip declares in its first entry. */
    public static final String MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

    private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    /** No spreadsheet program writes more columns than this (LibreOffice: 16384). */
    private static final int MAX_COLUMNS = 16_384;

    private static final XMLInputFactory XML = safeFactory();

    private final ZipFile zip;
    private final ZipEntry content;
    private final List<String> sheets = new ArrayList<>();
    private final List<String> hidden = new ArrayList<>();
    private final int maxCellLength;

    private OdsFile(ZipFile zip, int maxCellLength) throws IOException {
        this.zip = zip;
        this.maxCellLength = maxCellLength;
        this.content = zip.getEntry("content.xml");
        if (content == null) throw new UnreadableFileException("the OpenDocument spreadsheet has no content.xml (corrupt or truncated)");
        listSheets();
    }

    /** True when a zip is an OpenDocument spreadsheet (its {@code mimetype} entry says so). */
    public static boolean isOds(Path path) {
        try (ZipFile z = new ZipFile(path.toFile())) {
            ZipEntry m = z.getEntry("mimetype");
            if (m == null || m.getSize() > 200) return false;
            try (InputStream in = z.getInputStream(m)) {
                return new String(in.readNBytes(200), java.nio.charset.StandardCharsets.US_ASCII).strip().equals(MIMETYPE);
            }
        } catch (IOException e) {
            return false;
        }
    }

    public static OdsFile open(Path path, int maxCellLength) throws IOException {
        ZipFile z;
        try {
            z = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new UnreadableFileException("not a readable .ods spreadsheet (corrupt or truncated): " + e.getMessage(), e);
        }
        try {
            return new OdsFile(z, maxCellLength);
        } catch (IOException | RuntimeException e) {
            z.close();
            throw e;
        }
    }

    /** One pass over content.xml for the sheet names (and which are hidden by their table style). */
    private void listSheets() throws IOException {
        java.util.Set<String> hiddenStyles = new java.util.HashSet<>();
        try (InputStream in = zip.getInputStream(content)) {
            XMLStreamReader x = XML.createXMLStreamReader(in);
            String style = null;
            boolean inStyle = false;
            while (x.hasNext()) {
                int ev = x.next();
                refuseDtd(ev, "content.xml");
                if (ev != XMLStreamConstants.START_ELEMENT) continue;
                String name = x.getLocalName();
                if ("style".equals(name) && "table".equals(attr(x, "family"))) {
                    style = attr(x, "name");
                    inStyle = true;
                } else if (inStyle && "table-properties".equals(name)) {
                    if ("false".equals(attr(x, "display")) && style != null) hiddenStyles.add(style);
                    inStyle = false;
                } else if ("table".equals(name) && TABLE.equals(x.getNamespaceURI())) {
                    String sheet = x.getAttributeValue(TABLE, "name");
                    sheets.add(sheet);
                    if (hiddenStyles.contains(x.getAttributeValue(TABLE, "style-name"))) hidden.add(sheet);
                }
            }
            x.close();
        } catch (XMLStreamException e) {
            throw new UnreadableFileException("the spreadsheet's content cannot be read (damaged XML): " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new UnreadableFileException("the .ods spreadsheet is damaged: " + e.getMessage(), e);
        }
    }

    /** An attribute by local name, whatever its namespace. */
    private static String attr(XMLStreamReader x, String local) {
        for (int i = 0; i < x.getAttributeCount(); i++) {
            if (local.equals(x.getAttributeLocalName(i))) return x.getAttributeValue(i);
        }
        return null;
    }

    private static void refuseDtd(int ev, String where) throws UnreadableFileException {
        if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new UnreadableFileException(where + " declares a DTD or entity, which no spreadsheet program writes"
                    + " (an XML external entity attack?); refused without resolving it");
        }
    }

    @Override
    public Format format() {
        return Format.ODS;
    }

    @Override
    public String detail() {
        return hidden.isEmpty() ? "ODS" : "ODS; hidden sheets read like any other: " + String.join(", ", hidden);
    }

    @Override
    public List<String> sheets() {
        return new ArrayList<>(sheets);
    }

    @Override
    public List<String> hiddenSheets() {
        return hidden;
    }

    @Override
    public SheetReader open(String sheet) throws IOException {
        if (!sheets.contains(sheet)) throw new UnreadableFileException("the spreadsheet has no sheet named '" + sheet + "'");
        InputStream in = zip.getInputStream(content);
        try {
            XMLStreamReader x = XML.createXMLStreamReader(in);
            while (x.hasNext()) {
                int ev = x.next();
                refuseDtd(ev, "content.xml");
                if (ev == XMLStreamConstants.START_ELEMENT && "table".equals(x.getLocalName()) && TABLE.equals(x.getNamespaceURI())
                        && sheet.equals(x.getAttributeValue(TABLE, "name"))) {
                    return new RowPuller(in, x, sheet);
                }
            }
            x.close();
        } catch (XMLStreamException e) {
            in.close();
            throw new UnreadableFileException("sheet '" + sheet + "' cannot be found in damaged XML: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        in.close();
        throw new UnreadableFileException("the spreadsheet has no sheet named '" + sheet + "'");
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Rows of one {@code <table:table>}, from just after its start tag to its end. */
    private final class RowPuller implements SheetReader {
        private final InputStream in;
        private final XMLStreamReader x;
        private final String sheet;
        private long lastRow;
        private boolean done;
        /** A non-blank row repeated: the copies still to give, and the row. */
        private long pendingRepeats;
        private String[] pendingCells;
        private final ArrayList<String> cells = new ArrayList<>(32);
        private final StringBuilder text = new StringBuilder();

        RowPuller(InputStream in, XMLStreamReader x, String sheet) {
            this.in = in;
            this.x = x;
            this.sheet = sheet;
        }

        @Override
        public SourceRow next() throws IOException {
            if (pendingRepeats > 0) {
                pendingRepeats--;
                return new SourceRow(++lastRow, pendingCells.clone());
            }
            if (done) return null;
            try {
                int depth = 0;
                while (x.hasNext()) {
                    int ev = x.next();
                    refuseDtd(ev, "sheet '" + sheet + "'");
                    if (ev == XMLStreamConstants.END_ELEMENT) {
                        if ("table".equals(x.getLocalName()) && TABLE.equals(x.getNamespaceURI()) && depth == 0) {
                            done = true;
                            return null;
                        }
                        if ("table".equals(x.getLocalName())) depth--;
                        continue;
                    }
                    if (ev != XMLStreamConstants.START_ELEMENT) continue;
                    String name = x.getLocalName();
                    if ("table".equals(name)) {
                        depth++;   // a table inside a cell (rare): its rows are not this sheet's
                        continue;
                    }
                    if (depth > 0 || !"table-row".equals(name)) continue;
                    long repeat = repeated(x.getAttributeValue(TABLE, "number-rows-repeated"));
                    readRow();
                    boolean blank = true;
                    for (String c : cells) {
                        if (c != null && !c.isBlank()) {
                            blank = false;
                            break;
                        }
                    }
                    if (blank && repeat > 1) {
                        lastRow += repeat;   // the filler to the sheet's edge: counted, not given
                        continue;
                    }
                    String[] row = cells.toArray(new String[0]);
                    if (repeat > 1) {
                        pendingRepeats = repeat - 1;
                        pendingCells = row;
                    }
                    return new SourceRow(++lastRow, row);
                }
                done = true;
                return null;
            } catch (XMLStreamException e) {
                throw new UnreadableFileException("sheet '" + sheet + "' has damaged or unsafe XML near row " + (lastRow + 1) + ": " + e.getMessage(), e);
            }
        }

        /** Reads from just after {@code <table:table-row>} to its end into {@link #cells}. */
        private void readRow() throws XMLStreamException, UnreadableFileException {
            cells.clear();
            int blanks = 0;   // blank cells not yet added: added only when a value follows them
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.END_ELEMENT && "table-row".equals(x.getLocalName())) return;
                if (ev != XMLStreamConstants.START_ELEMENT) continue;
                String name = x.getLocalName();
                if (!"table-cell".equals(name) && !"covered-table-cell".equals(name)) continue;
                long repeat = repeated(x.getAttributeValue(TABLE, "number-columns-repeated"));
                String value = readCell();
                if (value == null || value.isEmpty()) {
                    blanks = (int) Math.min(MAX_COLUMNS, blanks + repeat);
                    continue;
                }
                if (cells.size() + blanks + repeat > MAX_COLUMNS) {
                    throw new UnreadableFileException("sheet '" + sheet + "', row " + (lastRow + 1) + ": more than " + MAX_COLUMNS + " columns");
                }
                for (int i = 0; i < blanks; i++) cells.add(null);
                blanks = 0;
                for (long i = 0; i < repeat; i++) cells.add(value);
            }
        }

        /** Reads from just after a cell's start tag to its end; returns its value. */
        private String readCell() throws XMLStreamException, UnreadableFileException {
            String type = x.getAttributeValue(OFFICE, "value-type");
            String value = switch (type == null ? "" : type) {
                case "float", "percentage", "currency" -> number(x.getAttributeValue(OFFICE, "value"));
                case "date" -> date(x.getAttributeValue(OFFICE, "date-value"));
                case "time" -> x.getAttributeValue(OFFICE, "time-value");
                case "boolean" -> "true".equals(x.getAttributeValue(OFFICE, "boolean-value")) ? "TRUE" : "FALSE";
                default -> null;
            };
            String shown = cellText();
            return value != null ? value : shown;
        }

        /** The text of the cell's paragraphs (after its start tag, up to its end tag), or null when it has none. */
        private String cellText() throws XMLStreamException, UnreadableFileException {
            text.setLength(0);
            int paragraphs = 0;
            int depth = 1;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = x.getLocalName();
                    if ("annotation".equals(name) || "note".equals(name)) {
                        skipElement();   // a comment or footnote: not the cell's value
                        continue;
                    }
                    depth++;
                    if (!TEXT.equals(x.getNamespaceURI())) continue;
                    switch (name) {
                        case "p", "h" -> {
                            if (paragraphs++ > 0) append("\n", 1);
                        }
                        case "s" -> {
                            String c = x.getAttributeValue(TEXT, "c");
                            int n = c == null ? 1 : (int) Math.min(maxCellLength, repeated(c));
                            append(" ".repeat(n), n);
                        }
                        case "tab" -> append("\t", 1);
                        case "line-break" -> append("\n", 1);
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
                    if (paragraphs > 0) {
                        if (text.length() + x.getTextLength() > maxCellLength) tooLong();
                        text.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (--depth == 0) break;
                } else if (ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.DTD) {
                    refuseDtd(ev, "sheet '" + sheet + "'");
                }
            }
            return paragraphs == 0 ? null : text.toString();
        }

        /** Skips a comment ({@code office:annotation}) or note: not the cell's value. */
        private void skipElement() throws XMLStreamException {
            int depth = 1;
            while (depth > 0 && x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) depth++;
                else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
            }
        }

        private void append(String s, int n) throws UnreadableFileException {
            if (text.length() + n > maxCellLength) tooLong();
            text.append(s);
        }

        private void tooLong() throws UnreadableFileException {
            throw new UnreadableFileException("sheet '" + sheet + "', row " + (lastRow + 1)
                    + ": a cell is longer than the limit of " + maxCellLength + " characters");
        }

        @Override
        public void close() throws IOException {
            try {
                x.close();
            } catch (XMLStreamException ignored) {
                // closing anyway
            }
            in.close();
        }
    }

    /** {@code 3.0} as {@code 3}; other numbers as written (the stored value, not the shown format). */
    static String number(String v) {
        if (v == null) return null;
        if (v.endsWith(".0")) return v.substring(0, v.length() - 2);
        return v;
    }

    /** {@code 2023-07-10T00:00:00} as {@code 2023-07-10}; a time that is not midnight is kept. */
    static String date(String v) {
        if (v == null) return null;
        int t = v.indexOf('T');
        if (t < 0) return v;
        String time = v.substring(t + 1);
        return time.matches("0{1,2}:00(:00(\\.0+)?)?") ? v.substring(0, t) : v;
    }

    private static long repeated(String n) {
        if (n == null) return 1;
        try {
            long r = Long.parseLong(n.strip());
            return r < 1 ? 1 : r;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static XMLInputFactory safeFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }
}
