package dev.tailbench.data.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.data.DatasetFormatException;
import dev.tailbench.data.DatasetNotFoundException;

/** The large benchmarks' official layouts under a data directory, small and generated. */
class LargeDatasetTest {

    @TempDir
    Path dataDir;

    @Test
    void imageNetLtReadsItsThreeListsRelativeToItsDirectory() throws IOException {
        Path root = Files.createDirectories(dataDir.resolve("ImageNet_LT"));
        Files.writeString(root.resolve("ImageNet_LT_train.txt"), "train/n01440764/a.JPEG 0\ntrain/n15075141/b.JPEG 999\n");
        Files.writeString(root.resolve("ImageNet_LT_val.txt"), "train/n01440764/c.JPEG 0\n");
        Files.writeString(root.resolve("ImageNet_LT_test.txt"), "val/n01440764/ILSVRC2012_val_00000293.JPEG 0\n");

        LargeDataset.Splits splits = LargeDataset.named("imagenet-lt").orElseThrow().read(dataDir);

        assertThat(splits.train().size()).isEqualTo(2);
        assertThat(splits.train().classCount()).isEqualTo(1000);
        assertThat(splits.validation()).isPresent();
        assertThat(splits.test().file(0)).isEqualTo(root.resolve("val/n01440764/ILSVRC2012_val_00000293.JPEG"));
        assertThat(splits.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains("not the official imagenet-lt split"));
    }

    @Test
    void iNaturalistReadsItsJsonFilesAndEvaluatesOnValidation() throws IOException {
        Path root = Files.createDirectories(dataDir.resolve("iNaturalist18"));
        writeCoco(root.resolve("train2018.json"), List.of("train_val2018/Plantae/1/a.jpg", "train_val2018/Aves/2/b.jpg"));
        writeCoco(root.resolve("val2018.json"), List.of("train_val2018/Plantae/1/c.jpg"));

        LargeDataset.Splits splits = LargeDataset.INATURALIST_2018.read(dataDir);

        assertThat(splits.train().size()).isEqualTo(2);
        assertThat(splits.train().classCount()).isEqualTo(8142);
        assertThat(splits.validation()).isEmpty();
        assertThat(splits.test().images()).extracting(ListedImage::path).containsExactly("train_val2018/Plantae/1/c.jpg");
    }

    @Test
    void missingSplitFilesAreAllNamedWithTheDirectory() throws IOException {
        Path root = Files.createDirectories(dataDir.resolve("Places_LT"));
        Files.writeString(root.resolve("Places_LT_train.txt"), "a/x.jpg 0\n");

        assertThatThrownBy(() -> LargeDataset.PLACES_LT.read(dataDir))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageStartingWith("places-lt: missing Places_LT_val.txt, Places_LT_test.txt in ")
                .hasMessageContaining("tailbench.data.dir");
    }

    @Test
    void aLabelBeyondTheDataSetsClassesFailsWithItsLine() throws IOException {
        Path root = Files.createDirectories(dataDir.resolve("Places_LT"));
        Files.writeString(root.resolve("Places_LT_train.txt"), "a/x.jpg 0\na/y.jpg 365\n");
        Files.writeString(root.resolve("Places_LT_val.txt"), "a/x.jpg 0\n");
        Files.writeString(root.resolve("Places_LT_test.txt"), "a/x.jpg 0\n");

        assertThatThrownBy(() -> LargeDataset.PLACES_LT.read(dataDir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("Places_LT_train.txt: line 2: label 365 is not below the data set's 365 classes");
    }

    @Test
    void namesAreTheDeclaredOnes() {
        assertThat(LargeDataset.named("ImageNet-LT")).contains(LargeDataset.IMAGENET_LT);
        assertThat(LargeDataset.named("cifar-10")).isEmpty();
    }

    /** A COCO-style file with the 8,142 categories of iNaturalist 2018 and one image per path. */
    private static void writeCoco(Path file, List<String> paths) throws IOException {
        List<Map<String, Object>> images = new ArrayList<>();
        List<Map<String, Object>> annotations = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            images.add(Map.of("id", i, "file_name", paths.get(i), "width", 800, "height", 600));
            annotations.add(Map.of("id", i, "image_id", i, "category_id", i * 4000));
        }
        List<Map<String, Object>> categories = new ArrayList<>();
        for (int c = 0; c < 8142; c++) {
            categories.add(Map.of("id", c, "name", "species " + c));
        }
        new ObjectMapper().writeValue(file.toFile(), Map.of("images", images, "annotations", annotations,
                "categories", categories));
    }
}
