package org.sightline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * An .xlsx workbook read as a stream: the sheet XML is pulled one row at a time (StAX), so memory
 * stays flat however long the sheet is. Dates in real date cells come out as ISO text; formulas give
 * their cached value and are never evaluated; DTDs and external entities are refused.
 */
public final class XlsxFile implements SourceFile {

    private static final XMLInputFactory XML = safeFactory();

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final Map<String, String> sheetParts = new LinkedHashMap<>();
    private final List<String> hiddenSheets = new ArrayList<>();
    private final int maxCellLength;

    private XlsxFile(OPCPackage pkg, int maxCellLength) throws IOException {
        this.pkg = pkg;
        this.maxCellLength = maxCellLength;
        try {
            this.reader = new XSSFReader(pkg);
            checkUnpackedStrings(pkg);
            this.strings = new ReadOnlySharedStringsTable(pkg, false);
            this.styles = reader.getStylesTable();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (it.hasNext()) {
                try (InputStream ignored = it.next()) {
                    String name = it.getSheetName();
                    sheetParts.put(name, it.getSheetPart().getPartName().getName());
                }
            }
            readHiddenSheets();
        } catch (org.apache.poi.openxml4j.exceptions.OpenXML4JException | org.xml.sax.SAXException e) {
            throw new UnreadableFileException("the workbook's structure cannot be read: " + e.getMessage(), e);
        } catch (org.apache.poi.util.RecordFormatException | IllegalStateException | IllegalArgumentException e) {
            throw new UnreadableFileException("the workbook is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * The budget for a workbook's shared strings, which (unlike the sheets, streamed) are held in
     * memory: the bytes its {@code sharedStrings.xml} may unpack to. {@code -Dsightline.max-unpacked-strings-mb},
     * else an eighth of the heap (64 MB at {@code -Xmx512m}): a 53 MB file whose strings unpack to 1 GB,
     * under the zip-bomb ratio, is refused with a message instead of ending the run out of memory.
     */
    static long unpackedStringsBudget() {
        Long mb = Long.getLong("sightline.max-unpacked-strings-mb");
        return mb != null ? mb << 20 : Runtime.getRuntime().maxMemory() / 8;
    }

    /** Counts the shared strings' unpacked bytes as they inflate (declared sizes can lie), stopping at the budget. */
    private static void checkUnpackedStrings(OPCPackage pkg) throws IOException {
        long budget = unpackedStringsBudget();
        for (org.apache.poi.openxml4j.opc.PackagePart part : pkg.getPartsByContentType(org.apache.poi.xssf.usermodel.XSSFRelation.SHARED_STRINGS.getContentType())) {
            long n = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = part.getInputStream()) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    n += r;
                    if (n > budget) {
                        throw new UnreadableFileException("the workbook's shared strings (" + part.getPartName().getName() + ") unpack to more than "
                                + (budget >> 20) + " MB, over the memory budget for a workbook (-Dsightline.max-unpacked-strings-mb, default an eighth "
                                + "of the heap); refused without reading on. Save the sheet as CSV, or split the workbook", null);
                    }
                }
            }
        }
    }

    public static XlsxFile open(Path path, int maxCellLength) throws IOException {
        try {
            return new XlsxFile(OPCPackage.open(path.toFile(), PackageAccess.READ), maxCellLength);
        } catch (NotOfficeXmlFileException | InvalidFormatException e) {
            throw new UnreadableFileException("not a readable .xlsx workbook (corrupt or not a workbook): " + e.getMessage(), e);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidOperationException e) {
            throw new UnreadableFileException("the workbook cannot be opened: " + e.getMessage(), e);
        } catch (IllegalStateException | org.apache.poi.util.RecordFormatException e) {
            throw new UnreadableFileException("the workbook is damaged or too large to unpack safely: " + e.getMessage(), e);
        } catch (UnreadableFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableFileException(zipMessage(e), e);
        }
    }

    /** Plain words for what POI's zip layer reports. */
    static String zipMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("zip bomb")) {
                return "the workbook would inflate to far more than its size (a zip bomb); refused without unpacking it";
            }
        }
        return "not a readable .xlsx workbook (corrupt or truncated): " + e.getMessage();
    }

    private void readHiddenSheets() throws IOException {
        try (InputStream wb = reader.getWorkbookData()) {
            XMLStreamReader x = XML.createXMLStreamReader(wb);
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(x.getLocalName())) {
                    String state = x.getAttributeValue(null, "state");
                    if (state != null && !"visible".equals(state)) hiddenSheets.add(x.getAttributeValue(null, "name"));
                }
            }
            x.close();
        } catch (XMLStreamException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new UnreadableFileException("the workbook's sheet list cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Format format() {
        return Format.XLSX;
    }

    @Override
    public String detail() {
        return hiddenSheets.isEmpty() ? "XLSX" : "XLSX; hidden sheets read like any other: " + String.join(", ", hiddenSheets);
    }

    @Override
    public List<String> sheets() {
        return new ArrayList<>(sheetParts.keySet());
    }

    @Override
    public List<String> hiddenSheets() {
        return hiddenSheets;
    }

    @Override
    public SheetReader open(String sheet) throws IOException {
        try {
            Iterator<InputStream> it = reader.getSheetsData();
            XSSFReader.SheetIterator sit = (XSSFReader.SheetIterator) it;
            while (sit.hasNext()) {
                InputStream in = sit.next();
                if (sit.getSheetName().equals(sheet)) return new RowPuller(in, sheet);
                in.close();
            }
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new UnreadableFileException("sheet '" + sheet + "' cannot be read: " + e.getMessage(), e);
        }
        throw new UnreadableFileException("the workbook has no sheet named '" + sheet + "'");
    }

    @Override
    public void close() throws IOException {
        pkg.revert();
    }

    private final class RowPuller implements SheetReader {
        private final InputStream in;
        private final XMLStreamReader x;
        private final String sheet;
        private long lastRow;
        private final ArrayList<String> cells = new ArrayList<>(32);
        private final StringBuilder text = new StringBuilder();

        RowPuller(InputStream in, String sheet) throws IOException {
            this.in = in;
            this.sheet = sheet;
            try {
                this.x = XML.createXMLStreamReader(in);
            } catch (XMLStreamException e) {
                throw new UnreadableFileException("sheet '" + sheet + "' is not readable XML: " + e.getMessage(), e);
            }
        }

        @Override
        public SourceRow next() throws IOException {
            try {
                while (x.hasNext()) {
                    int ev = x.next();
                    if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
                        throw new UnreadableFileException("sheet '" + sheet + "' declares a DTD or entity, which no spreadsheet program writes"
                                + " (an XML external entity attack?); refused without resolving it");
                    }
                    if (ev == XMLStreamConstants.START_ELEMENT && "row".equals(x.getLocalName())) {
                        String r = x.getAttributeValue(null, "r");
                        long rowNum = r != null ? Long.parseLong(r) : lastRow + 1;
                        lastRow = rowNum;
                        readRow();
                        return new SourceRow(rowNum, cells.toArray(new String[0]));
                    }
                }
                return null;
            } catch (XMLStreamException e) {
                String bomb = zipMessage(e);
                if (bomb.contains("zip bomb")) throw new UnreadableFileException(bomb, e);
                throw new UnreadableFileException("sheet '" + sheet + "' has damaged or unsafe XML near row " + (lastRow + 1) + ": " + e.getMessage(), e);
            }
        }

        private void readRow() throws XMLStreamException, UnreadableFileException {
            cells.clear();
            int nextCol = 0;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.END_ELEMENT && "row".equals(x.getLocalName())) return;
                if (ev == XMLStreamConstants.START_ELEMENT && "c".equals(x.getLocalName())) {
                    String ref = x.getAttributeValue(null, "r");
                    int col = ref != null ? columnIndex(ref) : nextCol;
                    while (cells.size() < col) cells.add(null);
                    String value = readCell(x.getAttributeValue(null, "t"), x.getAttributeValue(null, "s"));
                    if (cells.size() == col) cells.add(value);
                    else cells.set(col, value);
                    nextCol = col + 1;
                }
            }
        }

        /** Reads from just after {@code <c>} to its end; returns the cell's text. */
        private String readCell(String type, String style) throws XMLStreamException, UnreadableFileException {
            String v = null;
            String inline = null;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.END_ELEMENT && "c".equals(x.getLocalName())) break;
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = x.getLocalName();
                    if ("v".equals(name)) v = elementText();
                    else if ("is".equals(name)) inline = inlineText();
                    else if ("f".equals(name)) elementText(); // formula text: ignored, the cached <v> is used
                }
            }
            if (type == null || "n".equals(type)) return v == null ? null : number(v, style);
            return switch (type) {
                case "s" -> v == null ? null : strings.getItemAt(Integer.parseInt(v.trim())).getString();
                case "inlineStr" -> inline;
                case "b" -> v == null ? null : ("1".equals(v.trim()) ? "TRUE" : "FALSE");
                case "d" -> v; // ISO 8601 date cell
                default -> v;   // "str" (formula string result) and "e" (error text such as #REF!)
            };
        }

        private String number(String v, String style) {
            if (style != null && !style.isEmpty()) {
                try {
                    XSSFCellStyle cs = styles.getStyleAt(Integer.parseInt(style));
                    if (cs != null) {
                        short fmt = cs.getDataFormat();
                        String fmtString = cs.getDataFormatString();
                        if (DateUtil.isADateFormat(fmt, fmtString)) {
                            double d = Double.parseDouble(v);
                            if (DateUtil.isValidExcelDate(d)) {
                                LocalDateTime t = DateUtil.getLocalDateTime(d, false, true);
                                return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                                        ? t.toLocalDate().toString() : t.toString();
                            }
                        }
                    }
                } catch (NumberFormatException | IndexOutOfBoundsException ignored) {
                    // not a date: fall through to the raw number
                }
            }
            if (v.endsWith(".0")) return v.substring(0, v.length() - 2);
            return v;
        }

        private String elementText() throws XMLStreamException, UnreadableFileException {
            text.setLength(0);
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    if (text.length() + x.getTextLength() > maxCellLength) {
                        throw new UnreadableFileException("sheet '" + sheet + "', row " + lastRow
                                + ": a cell is longer than the limit of " + maxCellLength + " characters");
                    }
                    text.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
            }
            return text.toString();
        }

        private String inlineText() throws XMLStreamException, UnreadableFileException {
            StringBuilder sb = new StringBuilder();
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT && "t".equals(x.getLocalName())) sb.append(elementText());
                else if (ev == XMLStreamConstants.END_ELEMENT && "is".equals(x.getLocalName())) break;
            }
            return sb.toString();
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

    /** "AB12" -> 27 (0-based column). */
    static int columnIndex(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') col = col * 26 + (c - 'A' + 1);
            else break;
        }
        return col - 1;
    }

    private static XMLInputFactory safeFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return f;
    }

}
