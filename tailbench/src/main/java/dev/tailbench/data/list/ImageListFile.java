package dev.tailbench.data.list;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.tailbench.data.DatasetFormatException;

/**
 * Reads the list form of ImageNet-LT and Places-LT ({@code ImageNet_LT_train.txt},
 * {@code Places_LT_test.txt}, ...; Liu et al., CVPR 2019, the OLTR release) and of a user's own
 * long-tailed data: one image per line, its path relative to an image root and its class index,
 * separated by white space ({@code train/n01440764/n01440764_10026.JPEG 0}).
 *
 * <p>The papers' loaders split each line on white space and take the first two fields. This
 * reader is stricter, so that a damaged list fails here, with its line number, rather than as a
 * missing image or a wrong class deep into training: exactly two fields, a non-negative integer
 * label, a relative path that stays under the root, no path twice. Blank lines are skipped; a
 * byte-order mark is ignored.
 */
public final class ImageListFile {

    private ImageListFile() {}

    /**
     * Reads a list whose class count is the largest label plus one.
     *
     * @param listFile the list
     * @param root the directory the paths are relative to
     */
    public static ImageList read(Path listFile, Path root) throws IOException {
        return read(listFile, root, OptionalInt.empty());
    }

    /**
     * Reads a list of a data set with a known number of classes (ImageNet-LT 1,000, Places-LT 365),
     * which a test list of a subset may not reach.
     *
     * @param classCount the data set's classes; a label at or above it is an error
     */
    public static ImageList read(Path listFile, Path root, int classCount) throws IOException {
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount must be >= 1, got " + classCount);
        }
        return read(listFile, root, OptionalInt.of(classCount));
    }

    private static ImageList read(Path listFile, Path root, OptionalInt classCount) throws IOException {
        List<ListedImage> images = new ArrayList<>();
        Map<String, Integer> lineOfPath = new HashMap<>();
        int maxLabel = -1;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(listFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                if (fields.length != 2) {
                    throw problem(listFile, lineNumber, "expected 'relative/path label', got '" + shorten(trimmed) + "'");
                }
                String path = fields[0];
                int label = label(listFile, lineNumber, fields[1]);
                String pathProblem = pathProblem(path);
                if (pathProblem != null) {
                    throw problem(listFile, lineNumber, pathProblem);
                }
                if (classCount.isPresent() && label >= classCount.getAsInt()) {
                    throw problem(listFile, lineNumber, "label " + label + " is not below the data set's "
                            + classCount.getAsInt() + " classes");
                }
                Integer earlier = lineOfPath.putIfAbsent(path, lineNumber);
                if (earlier != null) {
                    throw problem(listFile, lineNumber, path + " is listed twice (also on line " + earlier + ")");
                }
                images.add(new ListedImage(path, label));
                maxLabel = Math.max(maxLabel, label);
            }
        }
        catch (CharacterCodingException e) {
            throw new DatasetFormatException(listFile, "not UTF-8 text after line " + lineNumber, e);
        }
        if (images.isEmpty()) {
            throw new DatasetFormatException(listFile, "lists no image");
        }
        return new ImageList(listFile.toString(), root, images, classCount.orElse(maxLabel + 1), List.of());
    }

    private static int label(Path listFile, int lineNumber, String field) throws DatasetFormatException {
        try {
            int label = Integer.parseInt(field);
            if (label < 0) {
                throw problem(listFile, lineNumber, "negative label " + label);
            }
            return label;
        }
        catch (NumberFormatException e) {
            throw problem(listFile, lineNumber, "label '" + shorten(field) + "' is not an integer");
        }
    }

    /**
     * What is wrong with an image path of a list, or {@code null}: a path that is absolute or climbs
     * out of the root would read some other file.
     */
    static String pathProblem(String path) {
        if (path.startsWith("/") || path.startsWith("\\") || (path.length() > 1 && path.charAt(1) == ':')) {
            return "path " + path + " is absolute; paths are relative to the image root";
        }
        for (String part : path.split("[/\\\\]")) {
            if (part.equals("..")) {
                return "path " + path + " leaves the image root";
            }
        }
        return null;
    }

    static DatasetFormatException problem(Path listFile, int lineNumber, String problem) {
        return new DatasetFormatException(listFile, "line " + lineNumber + ": " + problem);
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
