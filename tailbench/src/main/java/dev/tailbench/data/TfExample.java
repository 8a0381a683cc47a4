package dev.tailbench.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * The features of one serialised {@code tf.train.Example}, decoded from the protobuf wire format
 * without TensorFlow's generated classes: only the two feature kinds image data sets use, byte
 * strings and 64-bit integers (float lists are skipped).
 *
 * <p>The schema, from TensorFlow's {@code example.proto} and {@code feature.proto}: Example {
 * Features features = 1 }; Features { map&lt;string, Feature&gt; feature = 1 } (each entry a
 * message with key = 1, value = 2); Feature { oneof: BytesList bytes_list = 1; FloatList
 * float_list = 2; Int64List int64_list = 3 }; BytesList { repeated bytes value = 1 }; Int64List {
 * repeated int64 value = 1 }, packed or not.
 *
 * @param bytes  the byte-string features by name
 * @param int64s the integer features by name
 */
public record TfExample(Map<String, List<byte[]>> bytes, Map<String, long[]> int64s) {

    private static final int FIELD_ONE = 1;
    private static final int FIELD_TWO = 2;
    private static final int FIELD_THREE = 3;

    /**
     * Decodes a serialised Example.
     *
     * @throws IOException if the bytes are not a valid Example
     */
    public static TfExample parse(byte[] serialised) throws IOException {
        Map<String, List<byte[]>> bytes = new LinkedHashMap<>();
        Map<String, long[]> int64s = new LinkedHashMap<>();
        CodedInputStream example = CodedInputStream.newInstance(serialised);
        for (int tag = example.readTag(); tag != 0; tag = example.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != FIELD_ONE) {
                example.skipField(tag);
                continue;
            }
            CodedInputStream features = example.readBytes().newCodedInput();
            for (int entryTag = features.readTag(); entryTag != 0; entryTag = features.readTag()) {
                if (WireFormat.getTagFieldNumber(entryTag) != FIELD_ONE) {
                    features.skipField(entryTag);
                    continue;
                }
                readEntry(features.readBytes(), bytes, int64s);
            }
        }
        return new TfExample(bytes, int64s);
    }

    /** The single byte string of feature {@code name}, or {@code null} if absent or not one value. */
    public byte[] singleBytes(String name) {
        List<byte[]> values = bytes.get(name);
        return values != null && values.size() == 1 ? values.get(0) : null;
    }

    /** Whether feature {@code name} is a single integer. */
    public boolean hasSingleInt64(String name) {
        long[] values = int64s.get(name);
        return values != null && values.length == 1;
    }

    private static void readEntry(ByteString entry, Map<String, List<byte[]>> bytes, Map<String, long[]> int64s)
            throws IOException {
        CodedInputStream in = entry.newCodedInput();
        String key = "";
        ByteString value = ByteString.EMPTY;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case FIELD_ONE -> key = in.readStringRequireUtf8();
                case FIELD_TWO -> value = in.readBytes();
                default -> in.skipField(tag);
            }
        }
        // Protobuf semantics: the kinds are a oneof (the last one read wins), a message field read
        // twice is merged (list values concatenate), and a map key read twice keeps the last entry.
        List<byte[]> byteValues = null;
        long[] intValues = null;
        CodedInputStream feature = value.newCodedInput();
        for (int tag = feature.readTag(); tag != 0; tag = feature.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case FIELD_ONE -> {
                    List<byte[]> read = byteList(feature.readBytes());
                    byteValues = byteValues == null ? read : concat(byteValues, read);
                    intValues = null;
                }
                case FIELD_THREE -> {
                    long[] read = int64List(feature.readBytes());
                    intValues = intValues == null ? read : java.util.stream.LongStream.concat(
                            java.util.Arrays.stream(intValues), java.util.Arrays.stream(read)).toArray();
                    byteValues = null;
                }
                case FIELD_TWO -> {
                    feature.skipField(tag);
                    byteValues = null;
                    intValues = null;
                }
                default -> feature.skipField(tag);
            }
        }
        bytes.remove(key);
        int64s.remove(key);
        if (byteValues != null) {
            bytes.put(key, byteValues);
        }
        if (intValues != null) {
            int64s.put(key, intValues);
        }
    }

    private static List<byte[]> concat(List<byte[]> first, List<byte[]> second) {
        List<byte[]> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<byte[]> byteList(ByteString list) throws IOException {
        List<byte[]> values = new ArrayList<>();
        CodedInputStream in = list.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == FIELD_ONE) {
                values.add(in.readByteArray());
            } else {
                in.skipField(tag);
            }
        }
        return values;
    }

    private static long[] int64List(ByteString list) throws IOException {
        List<Long> values = new ArrayList<>();
        CodedInputStream in = list.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != FIELD_ONE) {
                in.skipField(tag);
            } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    values.add(in.readInt64());
                }
                in.popLimit(limit);
            } else {
                values.add(in.readInt64());
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
