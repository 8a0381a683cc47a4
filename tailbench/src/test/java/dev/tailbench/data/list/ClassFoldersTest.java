package dev.tailbench.data.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailbench.data.DatasetFormatException;

/** A folder per class, read with the labels and order torchvision's ImageFolder gives the same tree. */
class ClassFoldersTest {

    @TempDir
    Path root;

    @Test
    void classesAreSortedFoldersAndImagesAreWalkedInSortedOrder() throws IOException {
        touch("dog/b.png", "dog/a.JPG", "dog/notes.txt", "dog/nested/c.jpeg", "dog/nested-x/d.bmp", "dog/nested/deeper/e.png",
                "cat/z.webp", "cat/y.tiff", "Zebra/1.ppm", "readme.md");

        ImageList list = ClassFolders.read(root);

        // Sorted by code unit: upper case before lower case, as Python's sorted().
        assertThat(list.classNames()).containsExactly("Zebra", "cat", "dog");
        // sorted(os.walk(...)) orders directories by their path strings: "dog" < "dog/nested" (a
        // prefix) < "dog/nested-x" < "dog/nested/deeper" ('-' is 0x2D, '/' is 0x2F).
        assertThat(list.images()).containsExactly(
                new ListedImage("Zebra/1.ppm", 0),
                new ListedImage("cat/y.tiff", 1),
                new ListedImage("cat/z.webp", 1),
                new ListedImage("dog/a.JPG", 2),
                new ListedImage("dog/b.png", 2),
                new ListedImage("dog/nested/c.jpeg", 2),
                new ListedImage("dog/nested-x/d.bmp", 2),
                new ListedImage("dog/nested/deeper/e.png", 2));
        assertThat(list.classCounts()).containsExactly(1, 2, 5);
        assertThat(list.file(0)).isEqualTo(root.resolve("Zebra/1.ppm"));
    }

    @Test
    void aClassWithoutImagesIsNamed() throws IOException {
        touch("dog/a.jpg", "cat/notes.txt");

        assertThatThrownBy(() -> ClassFolders.read(root))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(root + ": no image file in the class folders [cat]");
    }

    @Test
    void aRootWithoutFoldersFails() throws IOException {
        touch("a.jpg");

        assertThatThrownBy(() -> ClassFolders.read(root))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(root + ": has no class folders (one sub-directory per class)");
    }

    @Test
    void aMissingRootFails() {
        assertThatThrownBy(() -> ClassFolders.read(root.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing");
    }

    private void touch(String... paths) throws IOException {
        for (String path : paths) {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[] {1});
        }
    }
}
