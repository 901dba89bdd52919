package org.sightline.contract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the text of a cell into a typed value, the way people actually write values in
 * spreadsheets. Never guesses: anything ambiguous is a {@link Failure} with a plain message.
 * Allocation-light: it runs once per cell. Its only state is a bounded, thread-safe memo of the code
 * columns' raw text -> canonical code, so one instance may be shared by threads.
 */
public final class ValueParser {

    /** A value that could not be parsed: the rule broken and a plain-English message. */
    public static final class Failure extends Exception {
        private final String rule;

        public Failure(String rule, String message) {
            super(message, null, false, false);
            this.rule = rule;
        }

        public String rule() { return rule; }
    }

    private static final Set<String> BLANKS = Set.of("", "nan", "none", "n/a", "na", "null", "-", "#n/a");
    private static final Set<String> EXCEL_ERRORS = Set.of("#ref!", "#div/0!", "#value!", "#name?", "#num!", "#null!", "#spill!", "#calc!", "#getting_data");
    private static final Map<String, Boolean> BOOLEANS = Map.ofEntries(
            Map.entry("y", true), Map.entry("yes", true), Map.entry("1", true), Map.entry("true", true), Map.entry("t", true),
            Map.entry("n", false), Map.entry("no", false), Map.entry("0", false), Map.entry("false", false), Map.entry("f", false));
    private static final Map<String, Month> MONTHS = monthNames();
    private static final java.util.regex.Pattern THOUSANDS = java.util.regex.Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?%?");
    private static final java.util.regex.Pattern MIDNIGHT = java.util.regex.Pattern.compile("[T ]00:00(:00(\\.0+)?)?");
    /** Precompiled: String.split with a regex compiles a Pattern per call, and these run per cell. */
    private static final java.util.regex.Pattern LIST_SEPARATOR = java.util.regex.Pattern.compile("[,;|]");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    /** At most this many memoised texts per code column, so a hostile file cannot grow the memo without end. */
    static final int CODE_MEMO_LIMIT = 4096;

    /** A code column's memo; only valid for the lookup it was filled from (a parser may see several contracts). */
    private static final class CodeMemo {
        final Map<String, String> lookup;
        final ConcurrentHashMap<String, String> codes = new ConcurrentHashMap<>();

        CodeMemo(Map<String, String> lookup) { this.lookup = lookup; }
    }

    private final LocalDate today;
    /** Column name -> memo of successful lookups (stripped cell text -> canonical code). */
    private final ConcurrentHashMap<String, CodeMemo> codeMemos = new ConcurrentHashMap<>();

    public ValueParser(LocalDate today) {
        this.today = today;
    }

    public LocalDate today() { return today; }

    public static boolean isBlank(String raw) {
        if (raw == null) return true;
        String t = raw.strip();
        if (t.isEmpty()) return true;
        // every entry of BLANKS but "" starts with n, '-' or '#': anything else is a value, no lower-casing needed
        char c = t.charAt(0);
        if (c != 'n' && c != 'N' && c != '-' && c != '#') return false;
        if (t.length() > 6) return false;
        return BLANKS.contains(t.toLowerCase(Locale.ROOT));
    }

    /** Parses a non-blank cell for the column; blank cells are handled by the caller. */
    public Object parse(ColumnSpec col, String raw) throws Failure {
        String text = raw.strip();
        if (text.length() > 1 && text.charAt(0) == '#' && EXCEL_ERRORS.contains(text.toLowerCase(Locale.ROOT))) {
            throw new Failure("excel_error", "the cell holds the spreadsheet error " + text + " instead of a value");
        }
        Object value = switch (col.type()) {
            case STRING -> text;
            case INTEGER -> parseInteger(text);
            case DECIMAL -> parseDecimal(text);
            case DATE -> parseDate(text);
            case BOOLEAN -> parseBoolean(text);
            case CODE -> code(col, text);
            case LIST -> parseList(col, text);
        };
        checkRange(col, value, text);
        if (col.pattern() != null && value instanceof String s && !col.pattern().matcher(s).matches()) {
            throw new Failure("pattern", "'" + s + "' is not in the expected form (" + col.pattern().pattern() + ")");
        }
        return value;
    }

    private void checkRange(ColumnSpec col, Object value, String text) throws Failure {
        boolean date = value instanceof LocalDate;
        if (col.min() != null && compare(value, col.min()) < 0) {
            throw new Failure("range", "'" + text + "' is " + (date ? "earlier than " : "below ") + "the allowed minimum " + col.min());
        }
        if (col.max() != null && compare(value, col.max()) > 0) {
            throw new Failure("range", "'" + text + "' is " + (date ? "later than " : "above ") + "the allowed maximum "
                    + (date && col.max().equals(today) ? "(today, " + today + ")" : col.max()));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object value, Comparable<?> bound) {
        if (value instanceof Number a && bound instanceof Number b) return Double.compare(a.doubleValue(), b.doubleValue());
        return ((Comparable) value).compareTo(bound);
    }

    // ---- numbers ---------------------------------------------------------------------------

    static String stripNumber(String text) throws Failure {
        StringBuilder sb = new StringBuilder(text.length());
        int commas = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') { commas++; continue; }
            if (c == ' ' || c == '\u00a0') continue;
            sb.append(c);
        }
        if (commas > 0 && !THOUSANDS.matcher(text).matches()) {
            throw new Failure("number", "'" + text + "' has misplaced thousands separators");
        }
        return sb.toString();
    }

    public static Long parseInteger(String text) throws Failure {
        String s = stripNumber(text);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s); // "12.0" from a spreadsheet number
                if (d == Math.rint(d) && Math.abs(d) < 1e15 && !s.contains("e") && !s.contains("E")) return (long) d;
            } catch (NumberFormatException ignored) {
                // fall through to the message
            }
            throw new Failure("integer", "'" + text + "' is not a whole number");
        }
    }

    public static Double parseDecimal(String text) throws Failure {
        String s = stripNumber(text);
        boolean percent = s.endsWith("%");
        if (percent) s = s.substring(0, s.length() - 1);
        try {
            if (s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1))) throw new NumberFormatException();
            double d = Double.parseDouble(s);
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
            return percent ? d / 100.0 : d;
        } catch (NumberFormatException e) {
            throw new Failure("decimal", "'" + text + "' is not a number");
        }
    }

    // ---- booleans and codes ----------------------------------------------------------------

    public static Boolean parseBoolean(String text) throws Failure {
        Boolean b = BOOLEANS.get(text.toLowerCase(Locale.ROOT));
        if (b == null) throw new Failure("boolean", "'" + text + "' is not a yes/no value (Y/N, Yes/No, 1/0, True/False)");
        return b;
    }

    /** {@link #parseCode}, remembering successful lookups per column (bounded). */
    private String code(ColumnSpec col, String text) throws Failure {
        if (!col.isCoded()) return text;
        Map<String, String> lookup = col.codeLookup();
        CodeMemo memo = codeMemos.get(col.name());
        if (memo == null || memo.lookup != lookup) {
            memo = new CodeMemo(lookup);
            codeMemos.put(col.name(), memo);
        }
        String code = memo.codes.get(text);
        if (code != null) return code;
        code = parseCode(col, text);   // throws on an unknown value: failures are never memoised
        if (memo.codes.size() < CODE_MEMO_LIMIT) memo.codes.putIfAbsent(text, code);
        return code;
    }

    public static String parseCode(ColumnSpec col, String text) throws Failure {
        if (!col.isCoded()) return text;
        int whole = wholeFloatLength(text);
        String code = col.codeLookup().get(Names.key(whole >= 0 ? text.substring(0, whole) : text));
        if (code == null) {
            throw new Failure("code", "'" + text + "' is not an allowed value; allowed: " + String.join(", ", col.codes().keySet()));
        }
        return code;
    }

    /**
     * A whole number written as a spreadsheet float ("3.0", as pandas exports it: digits, '.', one or more
     * '0'): the length of its whole part ("3"), else -1. The regex {@code \d+\.0+} by hand.
     */
    static int wholeFloatLength(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
        if (i == 0 || i + 1 >= n || text.charAt(i) != '.') return -1;
        for (int j = i + 1; j < n; j++) if (text.charAt(j) != '0') return -1;
        return i;
    }

    private List<String> parseList(ColumnSpec col, String text) throws Failure {
        List<String> out = new ArrayList<>();
        for (String part : LIST_SEPARATOR.split(text)) {
            String item = part.strip();
            if (item.isEmpty()) continue;
            if (col.isCoded()) item = code(col, item);
            if (col.itemPattern() != null && !col.itemPattern().matcher(item).matches()) {
                throw new Failure("pattern", "list item '" + item + "' is not in the expected form (" + col.itemPattern().pattern() + ")");
            }
            out.add(item);
        }
        return out;
    }

    // ---- dates -----------------------------------------------------------------------------

    /**
     * Accepts ISO yyyy-mm-dd (also what the XLSX reader writes for real date cells, optionally with a
     * time of 00:00), dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, "12 Mar 2024", "12 March 2024" and
     * Excel serial numbers.
     */
    public LocalDate parseDate(String text) throws Failure {
        int len = text.length();
        if (len >= 10 && len <= 19 && text.charAt(4) == '-' && text.charAt(7) == '-' && isDigits(text, 0, 4)) {
            if (len > 10 && !MIDNIGHT.matcher(text.substring(10)).matches()) {
                throw new Failure("date", "'" + text + "' has a time of day; a date was expected");
            }
            return ymd(text, digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
        }
        if (isDigits(text, 0, len) && len >= 4 && len <= 5) {
            long serial = Long.parseLong(text);
            if (serial < 1 || serial > 2958465) throw new Failure("date", "'" + text + "' is not a date");
            // Excel's 1900 date system (with its phantom 29 Feb 1900): serial 60 is not a real day
            if (serial == 60) throw new Failure("date", "'" + text + "' is Excel's non-existent 29/02/1900");
            return LocalDate.of(1899, 12, 30).plusDays(serial < 60 ? serial + 1 : serial);
        }
        int[] seps = dateSeparators(text);
        if (seps != null && isDigits(text, 0, seps[0]) && isDigits(text, seps[0] + 1, seps[1]) && isDigits(text, seps[1] + 1, len)) {
            int dayLength = seps[0];
            int monthLength = seps[1] - seps[0] - 1;
            int yearLength = len - seps[1] - 1;
            if (dayLength > 2 || monthLength > 2 || (yearLength != 2 && yearLength != 4)) {
                throw new Failure("date", "'" + text + "' is not a date in a known layout (dd/mm/yyyy)");
            }
            int a = Integer.parseInt(text, 0, seps[0], 10);
            int b = Integer.parseInt(text, seps[0] + 1, seps[1], 10);
            int y = Integer.parseInt(text, seps[1] + 1, len, 10);
            int year = yearLength == 4 ? y : twoDigitYear(y);
            if (b > 12 && a <= 12) {
                throw new Failure("date_ambiguous", "'" + text + "' looks month-first (mm/dd); dates must be day-first (dd/mm/yyyy) and are never guessed");
            }
            return ymd(text, year, b, a);
        }
        String[] words = WHITESPACE.split(text.replace(',', ' ').replace('-', ' ').trim());
        if (words.length == 3 && isDigits(words[0], 0, words[0].length()) && isDigits(words[2], 0, words[2].length())) {
            Month m = MONTHS.get(words[1].toLowerCase(Locale.ROOT));
            if (m != null && words[0].length() <= 2 && (words[2].length() == 4 || words[2].length() == 2)) {
                int year = words[2].length() == 4 ? Integer.parseInt(words[2]) : twoDigitYear(Integer.parseInt(words[2]));
                return ymd(text, year, m.getValue(), Integer.parseInt(words[0]));
            }
        }
        throw new Failure("date", "'" + text + "' is not a date (expected dd/mm/yyyy, yyyy-mm-dd or 12 Mar 2024)");
    }

    /**
     * "12/03/2024", "12-03-2024", "12.03.2024" -> the positions of the two separators; anything else
     * -> null. No regex and no substrings: this runs per cell.
     */
    private static int[] dateSeparators(String text) {
        int a = -1;
        int b = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '-' || c == '.') {
                if (a < 0) a = i;
                else if (b < 0) b = i;
                else return null;
            }
        }
        if (a < 0 || b < 0) return null;
        return new int[] {a, b};
    }

    private int twoDigitYear(int yy) {
        int year = 2000 + yy;
        return year > today.getYear() + 1 ? year - 100 : year;
    }

    private static LocalDate ymd(String text, int y, int m, int d) throws Failure {
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            throw new Failure("date_impossible", "'" + text + "' is not a real date");
        }
    }

    private static boolean isDigits(String s, int from, int to) {
        if (to > s.length() || from >= to) return false;
        for (int i = from; i < to; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static int digits(String s, int from, int to) throws Failure {
        if (!isDigits(s, from, to)) throw new Failure("date", "'" + s + "' is not a date");
        return Integer.parseInt(s, from, to, 10);
    }

    private static Map<String, Month> monthNames() {
        Map<String, Month> m = new java.util.HashMap<>();
        for (Month month : Month.values()) {
            String full = month.name().toLowerCase(Locale.ROOT);
            m.put(full, month);
            m.put(full.substring(0, 3), month);
        }
        m.put("sept", Month.SEPTEMBER);
        return Map.copyOf(m);
    }
}
