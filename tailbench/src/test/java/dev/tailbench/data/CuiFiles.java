package dev.tailbench.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.google.protobuf.CodedOutputStream;

/**
 * Writes files in the format of Cui et al.'s long-tailed CIFAR for tests: TFRecord framing around
 * {@code tf.train.Example} messages with an {@code image} byte string and a packed int64
 * {@code label}, encoded field by field here so that the reader is checked against the wire format,
 * not against itself.
 */
public final class CuiFiles {

    private CuiFiles() {}

    /** Writes {@code set} as one record per image, in order. */
    public static void write(ImageSet set, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        int imageBytes = set.channels() * set.height() * set.width();
        byte[] pixels = set.pixels();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < set.size(); i++) {
                frame(out, example(Arrays.copyOfRange(pixels, i * imageBytes, (i + 1) * imageBytes), set.label(i)));
            }
        }
    }

    /** One serialised Example with {@code image} and {@code label}. */
    public static byte[] example(byte[] image, long label) throws IOException {
        byte[] bytesList = message(out -> out.writeByteArray(1, image));
        byte[] int64List = message(out -> {
            out.writeTag(1, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(CodedOutputStream.computeInt64SizeNoTag(label));
            out.writeInt64NoTag(label);
        });
        byte[] imageFeature = message(out -> out.writeByteArray(1, bytesList));
        byte[] labelFeature = message(out -> out.writeByteArray(3, int64List));
        byte[] features = message(out -> {
            out.writeByteArray(1, message(entry -> {
                entry.writeString(1, "image");
                entry.writeByteArray(2, imageFeature);
            }));
            out.writeByteArray(1, message(entry -> {
                entry.writeString(1, "label");
                entry.writeByteArray(2, labelFeature);
            }));
        });
        return message(out -> out.writeByteArray(1, features));
    }

    /** Appends one TFRecord: length, its masked CRC, data, the data's masked CRC. */
    public static void frame(OutputStream out, byte[] data) throws IOException {
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        out.write(length);
        out.write(littleEndian(TfRecordReader.maskedCrc(length, 0, 8)));
        out.write(data);
        out.write(littleEndian(TfRecordReader.maskedCrc(data, 0, data.length)));
    }

    private static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    /** Writes the fields of one protobuf message. */
    public interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    /** One protobuf message, serialised. */
    public static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        body.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
