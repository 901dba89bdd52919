package org.sightline.ingest.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a file by what its bytes say it is, not by its name. */
public final class SourceFiles {
    private SourceFiles() {}

    public static SourceFile open(Path path, Fingerprint fp, int maxCellLength) throws IOException {
        byte[] h = fp.head();
        if (fp.size() == 0) throw new UnreadableFileException("the file is empty");
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (h.length >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) {
            // a zip: an OpenDocument spreadsheet says so in its mimetype entry; anything else is tried as .xlsx
            if (OdsFile.isOds(path)) return OdsFile.open(path, maxCellLength);
            if (name.endsWith(".ods")) {
                throw new UnreadableFileException("the file is named .ods but is not an OpenDocument spreadsheet (no '"
                        + OdsFile.MIMETYPE + "' mimetype entry): corrupt or mislabelled");
            }
            return XlsxFile.open(path, maxCellLength);
        }
        if (h.length >= 8 && (h[0] & 0xff) == 0xD0 && (h[1] & 0xff) == 0xCF && (h[2] & 0xff) == 0x11 && (h[3] & 0xff) == 0xE0) {
            return XlsFile.open(path);
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls") || name.endsWith(".ods")) {
            // a workbook name on something that is not a workbook: read it as text if it is text
            if (!fp.validUtf8() && looksBinary(h)) {
                throw new UnreadableFileException("the file is named like a workbook but is neither .xlsx, .xls nor .ods (corrupt or mislabelled)");
            }
        }
        if (looksBinary(h)) throw new UnreadableFileException("the file is binary, not a CSV or a workbook");
        return CsvFile.open(path, fp.validUtf8(), maxCellLength);
    }

    private static boolean looksBinary(byte[] h) {
        boolean utf16 = h.length >= 2 && (((h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xFE) || ((h[0] & 0xff) == 0xFE && (h[1] & 0xff) == 0xFF));
        if (utf16) return false;
        int zeros = 0;
        int controls = 0;
        for (byte b : h) {
            if (b == 0) zeros++;
            else if ((b & 0xff) < 0x09 || ((b & 0xff) > 0x0D && (b & 0xff) < 0x20)) controls++;
        }
        // UTF-16 text without a BOM has zeros in every other byte but no other control bytes
        return controls > 0 || (zeros > 0 && zeros < h.length / 2 - 1);
    }
}
