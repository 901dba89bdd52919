package org.sightline.lake;

import org.apache.parquet.bytes.BytesInput;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * ZSTD for the pages of one Parquet file: one native compression context and one output buffer for
 * all its pages (parquet-java's codec opens a compressing stream, and with it a native context, per
 * page). The frames are plain ZSTD, which every Parquet reader reads.
 *
 * <p>Level 1, not parquet-java's and DuckDB's default of 3: on the lake's pages (pseudonyms, random
 * hexadecimal, are most of the bytes) level 1 took about 15% less time to write the benchmark's parts
 * and gave files about 10% smaller (docs/PERFORMANCE.md).
 */
final class ZstdPageCompressor {

    static final int LEVEL = 1;

    private final ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(LEVEL);
    private byte[] out = new byte[64 * 1024];

    /** The page compressed; the bytes are valid until the next call (the file writer copies them out at once). */
    BytesInput compress(ParquetPartWriter.Bytes page) {
        int bound = (int) Zstd.compressBound(page.size());
        if (out.length < bound) out = new byte[bound];
        int n = ctx.compressByteArray(out, 0, out.length, page.array(), 0, page.size());
        return BytesInput.from(out, 0, n);
    }

    void release() {
        ctx.close();
    }
}
