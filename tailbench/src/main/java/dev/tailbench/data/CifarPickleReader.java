package dev.tailbench.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads CIFAR's Python version ({@code cifar-10-batches-py/}, {@code cifar-100-python/}), the files
 * torchvision and the LDAM-DRW code read: each a pickled dictionary with {@code data}, a numpy
 * uint8 array of N x 3072 (1024 red, 1024 green, 1024 blue bytes per image, the binary version's
 * CHW order), and {@code labels} (CIFAR-10) or {@code fine_labels} (CIFAR-100), a list of ints.
 * The official files were written by Python 2 (protocol 2, the array's bytes as a {@code str});
 * files re-pickled by Python 3 ({@code bytes}) read the same. Class names come from
 * {@code batches.meta} ({@code label_names}) or {@code meta} ({@code fine_label_names}).
 *
 * <p>Unpickling uses the Pyrolite library ({@code net.razorvine:pickle}), which builds plain Java
 * objects and runs no Python code; the two numpy globals an array needs
 * ({@code numpy.core.multiarray._reconstruct}, {@code numpy.dtype}) are understood here, any other
 * class becomes an inert dictionary.
 */
public final class CifarPickleReader {

    /** The dictionary keys of a batch and of the meta file. */
    private static final String DATA = "data";

    static {
        IObjectConstructor reconstruct = args -> new NumpyArray();
        Unpickler.registerConstructor("numpy.core.multiarray", "_reconstruct", reconstruct);
        Unpickler.registerConstructor("numpy._core.multiarray", "_reconstruct", reconstruct);
        Unpickler.registerConstructor("numpy", "dtype", args -> new NumpyDtype(text(args[0])));
    }

    private CifarPickleReader() {}

    /** Reads the training files of {@code format} from {@code dir} (the unpacked Python version). */
    public static ImageSet readTrain(CifarFormat format, Path dir) throws IOException {
        return read(format, CifarBinaryReader.resolve(dir, format.pythonTrainFiles()), classNames(format, dir));
    }

    /** Reads the test file of {@code format} from {@code dir}. */
    public static ImageSet readTest(CifarFormat format, Path dir) throws IOException {
        return read(format, CifarBinaryReader.resolve(dir, format.pythonTestFiles()), classNames(format, dir));
    }

    /**
     * The class names of the meta file ({@code batches.meta} or {@code meta}); the CIFAR-10 names,
     * or "class-0".. for CIFAR-100, when it is absent.
     */
    public static List<String> classNames(CifarFormat format, Path dir) throws IOException {
        Path meta = dir.resolve(format.pythonMetaFile());
        if (!Files.isRegularFile(meta)) {
            return format == CifarFormat.CIFAR_10 ? CifarBinaryReader.CIFAR_10_CLASSES
                    : IdxReader.classNames(format.classCount(), null);
        }
        String key = format == CifarFormat.CIFAR_10 ? "label_names" : "fine_label_names";
        Object names = dictionary(meta).get(key);
        if (!(names instanceof List<?> list) || list.size() != format.classCount()) {
            throw new DatasetFormatException(meta, "'" + key + "' is not a list of " + format.classCount() + " names");
        }
        List<String> result = new ArrayList<>();
        for (Object name : list) {
            result.add(text(name));
        }
        return result;
    }

    /** Reads and concatenates the batches of {@code files}, in order. */
    public static ImageSet read(CifarFormat format, List<Path> files, List<String> classNames) throws IOException {
        List<String> names = IdxReader.classNames(format.classCount(), classNames);
        String labelKey = format == CifarFormat.CIFAR_10 ? "labels" : "fine_labels";
        List<byte[]> pixelParts = new ArrayList<>();
        List<int[]> labelParts = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            Map<?, ?> batch = dictionary(file);
            if (!(batch.get(DATA) instanceof NumpyArray array)) {
                throw new DatasetFormatException(file, "has no numpy array under 'data'");
            }
            int rows = array.rows(file);
            Object labelList = batch.get(labelKey);
            if (!(labelList instanceof List<?> list)) {
                throw new DatasetFormatException(file, "has no list under '" + labelKey + "'");
            }
            if (list.size() != rows) {
                throw new DatasetFormatException(file, list.size() + " labels under '" + labelKey + "' for " + rows
                        + " images under 'data'");
            }
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                Object value = list.get(i);
                if (!(value instanceof Number number) || number.longValue() < 0
                        || number.longValue() >= format.classCount()) {
                    throw new DatasetFormatException(file, "label " + value + " of image " + i + " out of range [0, "
                            + format.classCount() + ")");
                }
                labels[i] = number.intValue();
            }
            pixelParts.add(array.bytes);
            labelParts.add(labels);
            total += rows;
        }
        if (total * CifarFormat.IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " images do not fit one array");
        }
        byte[] pixels = new byte[(int) total * CifarFormat.IMAGE_BYTES];
        int[] labels = new int[(int) total];
        int offset = 0;
        for (int part = 0; part < pixelParts.size(); part++) {
            System.arraycopy(pixelParts.get(part), 0, pixels, offset * CifarFormat.IMAGE_BYTES,
                    pixelParts.get(part).length);
            System.arraycopy(labelParts.get(part), 0, labels, offset, labelParts.get(part).length);
            offset += labelParts.get(part).length;
        }
        return ImageSet.of(pixels, labels, CifarFormat.CHANNELS, CifarFormat.SIZE, CifarFormat.SIZE, names);
    }

    /** Unpickles a file that must hold a dictionary; Python 2's str keys arrive as Strings, Python 3's bytes as byte[]. */
    private static Map<?, ?> dictionary(Path file) throws IOException {
        Object value;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            try {
                value = new Unpickler().load(in);
            }
            catch (IOException e) {
                // Opening worked, so this is Pyrolite running out of bytes mid-pickle.
                throw new DatasetFormatException(file, "ends early: the pickle is truncated (" + e.getMessage() + ")", e);
            }
            catch (RuntimeException e) {
                // PickleException, or a malformed stream tripping an index or a cast inside the library.
                throw new DatasetFormatException(file, "not a readable Python pickle: " + e, e);
            }
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new DatasetFormatException(file, "holds " + (value == null ? "None" : value.getClass().getSimpleName())
                    + ", not the dictionary of a CIFAR batch");
        }
        // Keys pickled as bytes (Python 3) become byte[]; index everything by its text.
        Map<String, Object> byName = new java.util.HashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            byName.put(text(entry.getKey()), entry.getValue());
        }
        return byName;
    }

    /** A Python 2 str (bytes as chars 0-255), a Python 3 str, or bytes, as text. */
    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(value);
    }

    /** numpy's dtype as its constructor and state describe it; only the type code is kept. */
    public static final class NumpyDtype {
        final String code;

        NumpyDtype(String code) {
            this.code = code;
        }

        /** BUILD's state, e.g. (3, '|', None, None, None, -1, -1, 0); nothing in it changes uint8. */
        public void __setstate__(Object[] state) {
            // The byte order ('|' for single bytes) is irrelevant to uint8; checked in rows().
        }
    }

    /** A numpy array as {@code _reconstruct} plus BUILD make it: shape, dtype, raw bytes. */
    public static final class NumpyArray {
        private int[] shape;
        private NumpyDtype dtype;
        private boolean fortranOrder;
        private byte[] bytes;

        /** State (version, shape, dtype, is_fortran, data) as ndarray.__reduce__ writes it. */
        public void __setstate__(Object[] state) {
            if (state.length != 5) {
                throw new PickleException("numpy array state of " + state.length + " fields, expected 5");
            }
            Object[] dims = (Object[]) state[1];
            shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = ((Number) dims[i]).intValue();
            }
            dtype = state[2] instanceof NumpyDtype d ? d : null;
            fortranOrder = Boolean.TRUE.equals(state[3]);
            Object data = state[4];
            if (data instanceof byte[] raw) {
                bytes = raw;
            }
            else if (data instanceof String chars) {
                // Python 2's str arrives as one char per byte.
                bytes = new byte[chars.length()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) chars.charAt(i);
                }
            }
            else {
                throw new PickleException("numpy array data of type " + (data == null ? "None" : data.getClass()));
            }
        }

        /** The number of images after checking that this is an N x 3072 C-order uint8 array. */
        int rows(Path file) throws DatasetFormatException {
            if (dtype == null || !dtype.code.equals("u1")) {
                throw new DatasetFormatException(file, "'data' is not a uint8 array (dtype "
                        + (dtype == null ? "unknown" : dtype.code) + ")");
            }
            if (shape.length != 2 || shape[1] != CifarFormat.IMAGE_BYTES || fortranOrder) {
                throw new DatasetFormatException(file, "'data' has shape " + java.util.Arrays.toString(shape)
                        + (fortranOrder ? " in Fortran order" : "") + ", expected N x " + CifarFormat.IMAGE_BYTES
                        + " in C order");
            }
            if ((long) shape[0] * shape[1] != bytes.length) {
                throw new DatasetFormatException(file, "'data' holds " + bytes.length + " bytes for shape "
                        + java.util.Arrays.toString(shape) + ": the file is damaged");
            }
            return shape[0];
        }
    }
}
