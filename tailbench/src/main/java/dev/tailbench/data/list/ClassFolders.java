package dev.tailbench.data.list;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import dev.tailbench.data.DatasetFormatException;

/**
 * Reads a folder per class, torchvision's {@code ImageFolder} layout ({@code root/dog/xxx.png},
 * {@code root/cat/nested/yyy.jpg}), the usual form of a user's own data: the classes are the
 * sub-directories sorted by name (label = position), the images of a class every file below its
 * directory with an image extension, directories walked in sorted order and files sorted by name
 * within each, so the labels and the order are the ones {@code ImageFolder} gives for the same
 * tree. As there, symbolic links are followed, a class without an image is an error, and files of
 * other types are skipped. Names are compared by UTF-16 code unit (Python sorts by code point; the
 * two differ only beyond the Basic Multilingual Plane).
 */
public final class ClassFolders {

    /** torchvision's {@code IMG_EXTENSIONS}, matched ignoring case as it does. */
    public static final Set<String> IMAGE_EXTENSIONS =
            Set.of(".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp");

    private ClassFolders() {}

    public static ImageList read(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "not a directory of class folders");
        }
        List<Path> classDirectories;
        try (Stream<Path> children = Files.list(root)) {
            classDirectories = children.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
        if (classDirectories.isEmpty()) {
            throw new DatasetFormatException(root, "has no class folders (one sub-directory per class)");
        }
        List<ListedImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (Path classDirectory : classDirectories) {
            int label = names.size();
            names.add(classDirectory.getFileName().toString());
            List<Path> files = imagesBelow(classDirectory);
            if (files.isEmpty()) {
                empty.add(classDirectory.getFileName().toString());
            }
            for (Path file : files) {
                // '/'-separated, like the list files, whatever the platform.
                StringBuilder relative = new StringBuilder();
                for (Path part : root.relativize(file)) {
                    if (relative.length() > 0) {
                        relative.append('/');
                    }
                    relative.append(part);
                }
                images.add(new ListedImage(relative.toString(), label));
            }
        }
        if (!empty.isEmpty()) {
            throw new DatasetFormatException(root, "no image file in the class folders " + empty
                    + "; image files end in one of " + IMAGE_EXTENSIONS.stream().sorted().toList());
        }
        return new ImageList(root.toString(), root, images, names.size(), names);
    }

    /** The image files below a class directory: directories in sorted order, files sorted in each. */
    private static List<Path> imagesBelow(Path classDirectory) throws IOException {
        List<Path> directories;
        try (Stream<Path> walk = Files.walk(classDirectory, FileVisitOption.FOLLOW_LINKS)) {
            directories = walk.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList();
        }
        List<Path> images = new ArrayList<>();
        for (Path directory : directories) {
            try (Stream<Path> children = Files.list(directory)) {
                children.filter(Files::isRegularFile)
                        .filter(ClassFolders::isImage)
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .forEach(images::add);
            }
        }
        return images;
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(name.substring(dot));
    }
}
