package dev.tailbench.data.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tailbench.data.DatasetFormatException;

/** ImageNet-LT / Places-LT list files ("relative/path label" per line), good and damaged. */
class ImageListFileTest {

    @TempDir
    Path dir;

    /** Lines as the OLTR release writes ImageNet_LT_train.txt: synset folders, JPEG files, labels. */
    private static final String IMAGENET_LT = """
            train/n01440764/n01440764_10026.JPEG 0
            train/n01440764/n01440764_10027.JPEG 0
            train/n01443537/n01443537_10007.JPEG 1
            train/n15075141/n15075141_9993.JPEG 999
            """;

    @Test
    void readsPathsAndLabelsInTheFilesOrder() throws IOException {
        Path list = write("ImageNet_LT_train.txt", IMAGENET_LT);
        Path root = dir.resolve("imagenet");

        ImageList images = ImageListFile.read(list, root, 1000);

        assertThat(images.images()).containsExactly(
                new ListedImage("train/n01440764/n01440764_10026.JPEG", 0),
                new ListedImage("train/n01440764/n01440764_10027.JPEG", 0),
                new ListedImage("train/n01443537/n01443537_10007.JPEG", 1),
                new ListedImage("train/n15075141/n15075141_9993.JPEG", 999));
        assertThat(images.classCount()).isEqualTo(1000);
        assertThat(images.labels()).containsExactly(0, 0, 1, 999);
        assertThat(images.classCounts()[0]).isEqualTo(2);
        assertThat(images.classCounts()[999]).isEqualTo(1);
        assertThat(images.classCounts()[500]).isZero();
        assertThat(images.file(2)).isEqualTo(root.resolve("train/n01443537/n01443537_10007.JPEG"));
        assertThat(images.classNames()).isEmpty();
    }

    @Test
    void withoutAKnownClassCountTheLargestLabelDecides() throws IOException {
        Path list = write("mine.txt", "a/x.png 3\nb/y.png 1\n");

        assertThat(ImageListFile.read(list, dir).classCount()).isEqualTo(4);
    }

    @Test
    void toleratesTabsBlankLinesCrLfAByteOrderMarkAndNoFinalNewline() throws IOException {
        Path list = write("Places_LT_val.txt", "\uFEFFval/a/abbey/1.jpg\t0\r\n\r\n  val/b/bar/2.jpg   364  \r\nval/c/3.jpg 7");

        ImageList images = ImageListFile.read(list, dir, 365);

        assertThat(images.images()).extracting(ListedImage::path)
                .containsExactly("val/a/abbey/1.jpg", "val/b/bar/2.jpg", "val/c/3.jpg");
        assertThat(images.labels()).containsExactly(0, 364, 7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "three fields            | a/x.jpg 1 2               | line 2: expected 'relative/path label', got 'a/x.jpg 1 2'",
        "truncated line          | train/n01443537/n0144     | line 2: expected 'relative/path label', got 'train/n01443537/n0144'",
        "label not an integer    | a/x.jpg one               | line 2: label 'one' is not an integer",
        "negative label          | a/x.jpg -1                | line 2: negative label -1",
        "label beyond the count  | a/x.jpg 1000              | line 2: label 1000 is not below the data set's 1000 classes",
        "absolute path           | /data/a/x.jpg 1           | line 2: path /data/a/x.jpg is absolute",
        "path leaving the root   | train/../../etc/x.jpg 1   | line 2: path train/../../etc/x.jpg leaves the image root",
        "same image twice        | train/ok.jpg 3            | line 2: train/ok.jpg is listed twice (also on line 1)",
    })
    void aDamagedLineFailsWithTheFileAndLineNumber(String what, String line, String message) throws IOException {
        Path list = write("ImageNet_LT_val.txt", "train/ok.jpg 0\n" + line + "\n");

        assertThatThrownBy(() -> ImageListFile.read(list, dir, 1000))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(list + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void aFileThatIsNotUtf8TextFails() throws IOException {
        Path list = dir.resolve("binary.txt");
        Files.write(list, new byte[] {'a', '/', 'x', ' ', '0', '\n', (byte) 0xC3, (byte) 0x28, ' ', '1', '\n'});

        assertThatThrownBy(() -> ImageListFile.read(list, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(list + ": not UTF-8 text");
    }

    @Test
    void anEmptyListFails() throws IOException {
        Path list = write("empty.txt", "\n\n");

        assertThatThrownBy(() -> ImageListFile.read(list, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(list + ": lists no image");
    }

    @Test
    void aMissingListFailsAsAMissingFile() {
        Path list = dir.resolve("ImageNet_LT_test.txt");

        assertThatThrownBy(() -> ImageListFile.read(list, dir))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining("ImageNet_LT_test.txt");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
