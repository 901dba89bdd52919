package org.sightline.lake;

/** Text whose UTF-8 is its chars as bytes, copied without an encoder or a byte array of its own. */
public final class Ascii {
    private Ascii() {}

    /**
     * Copies {@code s} into {@code dst} from {@code at}, a byte a char, when every char is ASCII (then
     * the bytes are the text's UTF-8) and it fits; false otherwise, with {@code dst} partly written, and
     * the caller encodes the text with {@code String.getBytes(UTF_8)} instead.
     */
    public static boolean copy(String s, byte[] dst, int at) {
        int n = s.length();
        if (at + n > dst.length) return false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) return false;
            dst[at + i] = (byte) c;
        }
        return true;
    }
}
