package dev.tailbench.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads the records of a TFRecord file (TensorFlow's container format), checking both checksums of
 * every record, so that a truncated or corrupted download is reported instead of silently read.
 *
 * <p>A record is: its length as a little-endian uint64, a masked CRC-32C of those 8 bytes, the
 * data, and a masked CRC-32C of the data. Masking is {@code ((crc >>> 15) | (crc << 17)) +
 * 0xa282ead8}. Compressed (GZIP/ZLIB) TFRecord files are not supported: Cui et al.'s files are not.
 */
public final class TfRecordReader {

    /** Records larger than this are taken as a corrupt length, not allocated. */
    static final long MAX_RECORD_BYTES = 1 << 30;

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecordReader() {}

    /**
     * Hands every record's data to {@code consumer}, in file order.
     *
     * @return the number of records
     * @throws DatasetFormatException naming the file and the record's index and byte offset when a
     *     record is truncated, too long, or fails its checksum
     */
    public static int forEach(Path file, Consumer<byte[]> consumer) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = new byte[12];
            byte[] footer = new byte[4];
            long offset = 0;
            int index = 0;
            while (true) {
                int read = in.readNBytes(header, 0, header.length);
                if (read == 0) {
                    return index;
                }
                String where = "record " + index + " at byte " + offset;
                if (read < header.length) {
                    throw new DatasetFormatException(file, where + ": truncated header (" + read
                            + " of 12 bytes); the file is incomplete or not a TFRecord file");
                }
                ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long length = buffer.getLong(0);
                int lengthCrc = buffer.getInt(8);
                if (lengthCrc != maskedCrc(header, 0, 8)) {
                    throw new DatasetFormatException(file, where + ": length checksum mismatch; the file is"
                            + " corrupt, compressed, or not a TFRecord file");
                }
                if (length < 0 || length > MAX_RECORD_BYTES) {
                    throw new DatasetFormatException(file, where + ": implausible record length " + length);
                }
                // Nothing is allocated for more than the file still holds.
                long remaining = fileSize - offset - header.length;
                if (length + footer.length > remaining) {
                    throw new DatasetFormatException(file, where + ": truncated data (" + length
                            + " bytes announced, " + Math.max(0, remaining - footer.length) + " follow); the file is incomplete");
                }
                byte[] data = new byte[(int) length];
                if (in.readNBytes(data, 0, data.length) < data.length
                        || in.readNBytes(footer, 0, footer.length) < footer.length) {
                    throw new DatasetFormatException(file, where + ": truncated data (" + length
                            + " bytes announced); the file is incomplete");
                }
                int dataCrc = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (dataCrc != maskedCrc(data, 0, data.length)) {
                    throw new DatasetFormatException(file, where + ": data checksum mismatch; the file is corrupt");
                }
                consumer.accept(data);
                offset += header.length + length + footer.length;
                index++;
            }
        }
        catch (EOFException e) {
            throw new DatasetFormatException(file, "ends in the middle of a record", e);
        }
    }

    /** TensorFlow's masked CRC-32C of {@code bytes[from, from + length)}. */
    public static int maskedCrc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }
}
