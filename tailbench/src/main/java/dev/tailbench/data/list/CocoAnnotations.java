package dev.tailbench.data.list;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tailbench.data.DatasetFormatException;

/**
 * Reads iNaturalist 2018's annotation files ({@code train2018.json}, {@code val2018.json}; Van Horn
 * et al., CVPR 2018), which follow COCO's layout: {@code images} (id, file_name relative to the
 * image root), {@code annotations} (image_id, category_id) and {@code categories} (id, name).
 *
 * <p>The label of an image is its category id, as in the long-tail papers' iNaturalist loaders
 * (their list files carry the same number); the ids must therefore be {@code 0 .. C-1}, which
 * iNaturalist 2018's 8,142 categories are. A file without {@code categories} takes the largest
 * id plus one as the class count. Every image needs exactly one annotation: a classification
 * benchmark has one class per image, and a file without annotations (the challenge's
 * {@code test2018.json}) cannot be evaluated. Images keep the file's order.
 */
public final class CocoAnnotations {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private CocoAnnotations() {}

    /**
     * @param annotationFile e.g. {@code train2018.json}
     * @param root the directory the images' {@code file_name}s are relative to
     */
    public static ImageList read(Path annotationFile, Path root) throws IOException {
        CocoFile file;
        try (InputStream in = Files.newInputStream(annotationFile)) {
            file = JSON.readValue(in, CocoFile.class);
        }
        catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new DatasetFormatException(annotationFile, "not a COCO-style annotation file" + where + ": "
                    + e.getOriginalMessage(), e);
        }
        if (file == null || file.images() == null) {
            throw new DatasetFormatException(annotationFile, "has no 'images' array");
        }
        if (file.annotations() == null || file.annotations().isEmpty()) {
            throw new DatasetFormatException(annotationFile, "has no 'annotations': without a class per image it "
                    + "cannot be trained on or evaluated (iNaturalist's test2018.json is such a file)");
        }
        List<String> classNames = classNames(annotationFile, file.categories());
        Map<Long, Integer> categoryOfImage = categories(annotationFile, file, classNames.size());
        int classCount = classNames.isEmpty()
                ? categoryOfImage.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1
                : classNames.size();
        List<ListedImage> images = new ArrayList<>(file.images().size());
        for (int i = 0; i < file.images().size(); i++) {
            Image image = file.images().get(i);
            if (image == null || image.id() == null || image.fileName() == null || image.fileName().isBlank()) {
                throw new DatasetFormatException(annotationFile, "images[" + i + "] needs an 'id' and a 'file_name'");
            }
            Integer label = categoryOfImage.remove(image.id());
            if (label == null) {
                throw new DatasetFormatException(annotationFile, "image " + image.id() + " (" + image.fileName()
                        + ") has no annotation, or appears twice in 'images'");
            }
            String pathProblem = ImageListFile.pathProblem(image.fileName());
            if (pathProblem != null) {
                throw new DatasetFormatException(annotationFile, "image " + image.id() + ": " + pathProblem);
            }
            images.add(new ListedImage(image.fileName(), label));
        }
        if (!categoryOfImage.isEmpty()) {
            Long imageId = categoryOfImage.keySet().iterator().next();
            throw new DatasetFormatException(annotationFile, categoryOfImage.size()
                    + " annotations refer to images not in 'images', e.g. image_id " + imageId);
        }
        return new ImageList(annotationFile.toString(), root, images, classCount, classNames);
    }

    /** Names by category id; empty without 'categories'. */
    private static List<String> classNames(Path file, List<Category> categories) throws DatasetFormatException {
        if (categories == null || categories.isEmpty()) {
            return List.of();
        }
        String[] names = new String[categories.size()];
        for (int i = 0; i < categories.size(); i++) {
            Category category = categories.get(i);
            if (category == null || category.id() == null) {
                throw new DatasetFormatException(file, "categories[" + i + "] has no 'id'");
            }
            long id = category.id();
            if (id < 0 || id >= names.length) {
                throw new DatasetFormatException(file, "category id " + id + " is not in 0.." + (names.length - 1)
                        + ": tailbench uses the category id as the label, as the iNaturalist papers' code does, so the "
                        + names.length + " categories must have the ids 0.." + (names.length - 1));
            }
            if (names[(int) id] != null) {
                throw new DatasetFormatException(file, "category id " + id + " appears twice in 'categories'");
            }
            names[(int) id] = category.name() == null ? String.valueOf(id) : category.name();
        }
        return Arrays.asList(names);
    }

    /** The category of each annotated image; one annotation per image. */
    private static Map<Long, Integer> categories(Path path, CocoFile file, int classCount) throws DatasetFormatException {
        Map<Long, Integer> categoryOfImage = new HashMap<>(file.annotations().size() * 2);
        for (int i = 0; i < file.annotations().size(); i++) {
            Annotation annotation = file.annotations().get(i);
            if (annotation == null || annotation.imageId() == null || annotation.categoryId() == null) {
                throw new DatasetFormatException(path, "annotations[" + i + "] needs an 'image_id' and a 'category_id'");
            }
            long category = annotation.categoryId();
            if (category < 0 || (classCount > 0 && category >= classCount) || category > Integer.MAX_VALUE) {
                throw new DatasetFormatException(path, "annotations[" + i + "] (image " + annotation.imageId()
                        + ") has category_id " + category + ", which is not one of the "
                        + (classCount > 0 ? classCount + " categories' ids 0.." + (classCount - 1) : "non-negative ids"));
            }
            if (categoryOfImage.put(annotation.imageId(), (int) category) != null) {
                throw new DatasetFormatException(path, "image " + annotation.imageId() + " has more than one "
                        + "annotation (annotations[" + i + "]); a classification benchmark needs exactly one");
            }
        }
        return categoryOfImage;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CocoFile(List<Image> images, List<Annotation> annotations, List<Category> categories) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Image(Long id, @JsonProperty("file_name") String fileName) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Annotation(@JsonProperty("image_id") Long imageId, @JsonProperty("category_id") Long categoryId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Category(Long id, String name) {}
}
