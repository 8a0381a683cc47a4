package dev.tailbench.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The papers' evaluation transform against torchvision 0.14; the random ones by their draws. */
class PaperTransformsTest {

    @Test
    void resizeCentreCropAndNormaliseMatchTorchvision() {
        JsonNode expected = PilExpectations.JSON.get("transforms");
        RgbImage image = PilExpectations.testImage(17, 11);
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        PaperTransforms transforms = new PaperTransforms(7, 8, mean, std, new ColorJitter(0.4, 0.4, 0.4));

        RgbImage resized = PaperTransforms.resizeShorterSide(image, 8);
        RgbImage cropped = PaperTransforms.centreCrop(resized, 7);
        float[] out = new float[3 * 7 * 7];
        transforms.evaluate(image, out, 0);

        assertThat(resized.width()).isEqualTo(expected.get("resized_width").asInt());
        assertThat(resized.height()).isEqualTo(expected.get("resized_height").asInt());
        assertThat(cropped.rgb()).isEqualTo(PilExpectations.bytes(expected.get("cropped")));
        JsonNode normalised = expected.get("normalised");
        assertThat(normalised.size()).isEqualTo(out.length);
        for (int i = 0; i < out.length; i++) {
            // torchvision divides and normalises in float32, as toNormalisedChw does.
            assertThat(out[i]).as("value %d", i).isCloseTo((float) normalised.get(i).asDouble(), within(1e-6f));
        }
    }

    @Test
    void centreCropRoundsHalfToEvenAsPython() {
        // (11 - 8) / 2 = 1.5 -> 2 (Python's round), (10 - 8) / 2 = 1.
        RgbImage image = PilExpectations.testImage(10, 11);

        RgbImage crop = PaperTransforms.centreCrop(image, 8);

        assertThat(crop.get(0, 0, 0)).isEqualTo(image.get(1, 2, 0));
    }

    @Test
    void randomResizedCropFallsBackToTheCentralCropOfTheLargestRatioAsTorchvision() {
        JsonNode expected = PilExpectations.JSON.get("fallback");
        RandomResizedCrop crop = new RandomResizedCrop(4, 1.0, 1.0, 0.75, 4.0 / 3.0);

        RandomResizedCrop.Box box = crop.box(expected.get("width").asInt(), expected.get("height").asInt(),
                new SplittableRandom(5));

        assertThat(box).isEqualTo(new RandomResizedCrop.Box(expected.get("left").asInt(), expected.get("top").asInt(),
                expected.get("crop_width").asInt(), expected.get("crop_height").asInt()));
    }

    @Test
    void randomResizedCropKeepsAreaAndRatioWithinTheirRanges() {
        RandomResizedCrop crop = RandomResizedCrop.imageNet(224);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            RandomResizedCrop.Box box = crop.box(500, 375, random);
            double area = (double) box.width() * box.height() / (500 * 375);
            double ratio = (double) box.width() / box.height();
            assertThat(box.left()).isBetween(0, 500 - box.width());
            assertThat(box.top()).isBetween(0, 375 - box.height());
            // Rounding the sides to pixels moves area and ratio a little past the drawn values.
            assertThat(area).isBetween(0.08 * 0.97, 1.0);
            assertThat(ratio).isBetween(0.75 * 0.97, 4.0 / 3.0 * 1.03);
        }
    }

    @Test
    void aSeededTrainingTransformIsReproducibleAndEveryPixelIsNormalised() {
        PaperTransforms transforms = PaperTransforms.imageNet();
        RgbImage image = PilExpectations.testImage(300, 240);
        float[] first = new float[3 * 224 * 224];
        float[] second = new float[3 * 224 * 224];

        transforms.train(image, new SplittableRandom(42), first, 0);
        transforms.train(image, new SplittableRandom(42), second, 0);

        assertThat(first).isEqualTo(second);
        for (int c = 0; c < 3; c++) {
            float low = (0 - PaperTransforms.IMAGENET_MEAN[c]) / PaperTransforms.IMAGENET_STD[c];
            float high = (1 - PaperTransforms.IMAGENET_MEAN[c]) / PaperTransforms.IMAGENET_STD[c];
            for (int i = c * 224 * 224; i < (c + 1) * 224 * 224; i++) {
                assertThat(first[i]).isBetween(low - 1e-6f, high + 1e-6f);
            }
        }
    }

    @Test
    void colourJitterAppliesItsDrawInItsOrder() {
        RgbImage image = PilExpectations.testImage(17, 11);
        ColorJitter.Draw draw = new ColorJitter.Draw(new int[] {2, 0, 1}, 1.2, 0.7, 0.5);

        RgbImage out = ColorJitter.apply(image, draw);

        RgbImage byHand = PilEnhance.contrast(PilEnhance.brightness(PilEnhance.saturation(image, 0.5), 1.2), 0.7);
        assertThat(out.rgb()).isEqualTo(byHand.rgb());
    }

    @Test
    void colourJitterDrawsFactorsWithinItsRanges() {
        ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.0);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            ColorJitter.Draw draw = jitter.draw(random);
            assertThat(draw.order()).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(draw.brightnessFactor()).isBetween(0.6, 1.4);
            assertThat(draw.contrastFactor()).isBetween(0.6, 1.4);
            assertThat(draw.saturationFactor()).isNaN();
        }
    }
}
