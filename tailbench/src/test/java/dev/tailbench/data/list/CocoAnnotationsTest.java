package dev.tailbench.data.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.data.DatasetFormatException;

/** iNaturalist 2018's COCO-style annotation files, written here with all the fields the real ones have. */
class CocoAnnotationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<Map<String, Object>> images;
    private List<Map<String, Object>> annotations;
    private List<Map<String, Object>> categories;

    @BeforeEach
    void anINaturalistLikeFile() {
        images = new ArrayList<>(List.of(
                image(1001, "train_val2018/Plantae/7477/3b60c9486db1d2ee875f11a669fbde4a.jpg"),
                image(1002, "train_val2018/Insecta/1/0a1b.jpg"),
                image(1003, "train_val2018/Plantae/7477/ffee.jpg")));
        annotations = new ArrayList<>(List.of(annotation(1, 1001, 2), annotation(2, 1002, 0), annotation(3, 1003, 2)));
        categories = new ArrayList<>(List.of(category(0, "Danaus plexippus", "Insecta"),
                category(2, "Quercus agrifolia", "Plantae"), category(1, "Apis mellifera", "Insecta")));
    }

    @Test
    void readsEachImagesCategoryAsItsLabelInTheImagesOrder() throws IOException {
        Path file = write("train2018.json");

        ImageList list = CocoAnnotations.read(file, dir);

        assertThat(list.images()).containsExactly(
                new ListedImage("train_val2018/Plantae/7477/3b60c9486db1d2ee875f11a669fbde4a.jpg", 2),
                new ListedImage("train_val2018/Insecta/1/0a1b.jpg", 0),
                new ListedImage("train_val2018/Plantae/7477/ffee.jpg", 2));
        assertThat(list.classCount()).isEqualTo(3);
        assertThat(list.classNames()).containsExactly("Danaus plexippus", "Apis mellifera", "Quercus agrifolia");
        assertThat(list.classCounts()).containsExactly(1, 0, 2);
        assertThat(list.source()).isEqualTo(file.toString());
    }

    @Test
    void withoutCategoriesTheLargestIdPlusOneIsTheClassCount() throws IOException {
        categories = null;
        Path file = write("val2018.json");

        ImageList list = CocoAnnotations.read(file, dir);

        assertThat(list.classCount()).isEqualTo(3);
        assertThat(list.classNames()).isEmpty();
    }

    @Test
    void aTruncatedFileFailsWithWhereItEnds() throws IOException {
        Path file = write("train2018.json");
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": not a COCO-style annotation file at line ");
    }

    @Test
    void aFileWithoutAnnotationsCannotBeUsed() throws IOException {
        annotations = List.of();
        Path file = write("test2018.json");

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": has no 'annotations'")
                .hasMessageContaining("test2018.json is such a file");
    }

    @Test
    void anImageWithoutAnnotationIsNamed() throws IOException {
        annotations.remove(1);
        Path file = write("train2018.json");

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(file + ": image 1002 (train_val2018/Insecta/1/0a1b.jpg) has no annotation, or appears twice "
                        + "in 'images'");
    }

    @Test
    void twoAnnotationsOfOneImageFail() throws IOException {
        annotations.add(annotation(4, 1003, 1));
        Path file = write("train2018.json");

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("image 1003 has more than one annotation (annotations[3])");
    }

    @Test
    void anAnnotationOfAnUnknownImageFails() throws IOException {
        annotations.add(annotation(4, 9999, 1));
        Path file = write("train2018.json");

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(file + ": 1 annotations refer to images not in 'images', e.g. image_id 9999");
    }

    @Test
    void categoryIdsMustBeTheLabels() throws IOException {
        categories.set(1, category(8141, "Quercus agrifolia", "Plantae"));
        Path file = write("train2018.json");

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("category id 8141 is not in 0..2: tailbench uses the category id as the label");
    }

    @Test
    void anAnnotationOutsideTheCategoriesFails() throws IOException {
        annotations.set(0, annotation(1, 1001, 3));
        Path file = write("train2018.json");

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("annotations[0] (image 1001) has category_id 3, which is not one of the 3 "
                        + "categories' ids 0..2");
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        images.get(2).remove("file_name");
        Path file = write("train2018.json");

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(file + ": images[2] needs an 'id' and a 'file_name'");
    }

    @Test
    void anAbsoluteFileNameFails() throws IOException {
        images.set(0, image(1001, "/data/inat/x.jpg"));
        Path file = write("train2018.json");

        assertThatThrownBy(() -> CocoAnnotations.read(file, dir))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("image 1001: path /data/inat/x.jpg is absolute");
    }

    private Path write(String name) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("info", Map.of("year", 2018, "version", "1.0", "description", "iNaturalist 2018"));
        root.put("licenses", List.of(Map.of("id", 1, "name", "CC BY", "url", "https://creativecommons.org")));
        root.put("images", images);
        root.put("annotations", annotations);
        if (categories != null) {
            root.put("categories", categories);
        }
        Path file = dir.resolve(name);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    private static Map<String, Object> image(long id, String fileName) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("license", 1);
        image.put("file_name", fileName);
        image.put("rights_holder", "someone");
        image.put("height", 600);
        image.put("width", 800);
        image.put("id", id);
        return image;
    }

    private static Map<String, Object> annotation(long id, long imageId, long categoryId) {
        return new LinkedHashMap<>(Map.of("id", id, "image_id", imageId, "category_id", categoryId));
    }

    private static Map<String, Object> category(long id, String name, String superCategory) {
        return new LinkedHashMap<>(Map.of("id", id, "name", name, "supercategory", superCategory, "kingdom", "Animalia"));
    }
}
