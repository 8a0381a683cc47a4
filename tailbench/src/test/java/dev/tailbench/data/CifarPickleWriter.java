package dev.tailbench.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CIFAR's Python version byte for byte in the pickle form the official archives hold:
 * Python 2's cPickle, protocol 2, a dictionary whose keys and whose array bytes are Python 2
 * {@code str}s, the array as numpy pickles it ({@code _reconstruct(ndarray, (0,), 'b')} then
 * BUILD with {@code (1, shape, dtype('u1'), False, data)}). With {@code python3}, protocol 3 as
 * Python 3 writes a batch it loaded with {@code encoding='bytes'}: keys, names and the array's data
 * as {@code bytes}, numpy's own arguments ('b', 'u1', '|') as {@code str}. Written opcode by
 * opcode (Python's pickletools names in the comments) so that the tests need no Python.
 */
final class CifarPickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean python3;

    private CifarPickleWriter(boolean python3) {
        this.python3 = python3;
    }

    /** A training or test batch: {@code data}, {@code labels} (or {@code fine_labels} and {@code coarse_labels}). */
    static void writeBatch(Path file, byte[] pixels, int[] labels, CifarFormat format, boolean python3)
            throws IOException {
        CifarPickleWriter w = new CifarPickleWriter(python3);
        w.op(0x80).op(python3 ? 3 : 2); // PROTO
        w.op('}'); // EMPTY_DICT
        w.op('('); // MARK
        w.text("batch_label").text("training batch 1 of 5");
        if (format == CifarFormat.CIFAR_10) {
            w.text("labels").intList(labels);
        }
        else {
            w.text("fine_labels").intList(labels);
            int[] coarse = new int[labels.length];
            for (int i = 0; i < coarse.length; i++) {
                coarse[i] = labels[i] / 5;
            }
            w.text("coarse_labels").intList(coarse);
        }
        w.text("data").array(pixels, labels.length, CifarFormat.IMAGE_BYTES);
        w.text("filenames").op(']').op('(');
        for (int i = 0; i < labels.length; i++) {
            w.text("image_" + i + ".png");
        }
        w.op('e'); // APPENDS
        w.op('u'); // SETITEMS
        w.op('.'); // STOP
        Files.write(file, w.out.toByteArray());
    }

    /** The meta file: {@code label_names} (CIFAR-10) or {@code fine_label_names} (CIFAR-100). */
    static void writeMeta(Path file, List<String> names, CifarFormat format, boolean python3) throws IOException {
        CifarPickleWriter w = new CifarPickleWriter(python3);
        w.op(0x80).op(python3 ? 3 : 2).op('}').op('(');
        w.text(format == CifarFormat.CIFAR_10 ? "label_names" : "fine_label_names").op(']').op('(');
        for (String name : names) {
            w.text(name);
        }
        w.op('e');
        w.text("num_vis").bigInt(CifarFormat.IMAGE_BYTES);
        w.op('u').op('.');
        Files.write(file, w.out.toByteArray());
    }

    private CifarPickleWriter op(int code) {
        out.write(code);
        return this;
    }

    /** A str (Python 2: SHORT_BINSTRING / BINSTRING) or bytes (Python 3: SHORT_BINBYTES / BINBYTES). */
    private CifarPickleWriter text(String value) {
        return raw(value.getBytes(StandardCharsets.US_ASCII));
    }

    private CifarPickleWriter raw(byte[] bytes) {
        if (bytes.length < 256) {
            op(python3 ? 'C' : 'U').op(bytes.length);
        }
        else {
            op(python3 ? 'B' : 'T');
            int32(bytes.length);
        }
        out.writeBytes(bytes);
        return this;
    }

    /** A str of numpy's own: Python 2 str (SHORT_BINSTRING), Python 3 str (BINUNICODE). */
    private CifarPickleWriter unicode(String value) {
        if (!python3) {
            return text(value);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        op('X');
        int32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    private CifarPickleWriter intList(int[] values) {
        op(']').op('('); // EMPTY_LIST, MARK
        for (int value : values) {
            smallInt(value);
        }
        return op('e'); // APPENDS
    }

    /** BININT1 for 0..255, else BININT2 for 0..65535, else BININT; as pickle chooses. */
    private CifarPickleWriter smallInt(int value) {
        if (value >= 0 && value < 256) {
            return op('K').op(value);
        }
        if (value >= 0 && value < 65536) {
            return op('M').op(value & 0xff).op(value >>> 8);
        }
        return bigInt(value);
    }

    private CifarPickleWriter bigInt(int value) {
        op('J');
        int32(value);
        return this;
    }

    private void int32(int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 24) & 0xff);
    }

    private CifarPickleWriter global(String module, String name) {
        op('c'); // GLOBAL
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), 'b') then BUILD with the array's state. */
    private CifarPickleWriter array(byte[] data, int rows, int columns) {
        global("numpy.core.multiarray", "_reconstruct");
        global("numpy", "ndarray");
        smallInt(0).op(0x85); // TUPLE1
        unicode("b").op(0x87); // TUPLE3
        op('R'); // REDUCE
        op('('); // MARK: the state tuple
        smallInt(1);
        smallInt(rows).smallInt(columns).op(0x86); // TUPLE2: the shape
        global("numpy", "dtype");
        unicode("u1").smallInt(0).smallInt(1).op(0x87).op('R');
        op('(').smallInt(3).unicode("|").op('N').op('N').op('N').bigInt(-1).bigInt(-1).smallInt(0).op('t').op('b');
        op(0x89); // NEWFALSE: C order
        raw(data);
        op('t'); // TUPLE
        return op('b'); // BUILD
    }
}
