package dev.tailbench.data.stream;

import java.util.SplittableRandom;

import dev.tailbench.data.image.PaperTransforms;
import dev.tailbench.data.image.RgbImage;

/** Turns a decoded image into the floats of one sample (e.g. 3 x 224 x 224, normalised). */
public interface ImageTransform {

    /** Floats per sample. */
    int sampleFloats();

    /** Writes the sample of {@code image} into {@code out} from {@code offset}; {@code random} is the image's own. */
    void apply(RgbImage image, SplittableRandom random, float[] out, int offset);

    /** The papers' training augmentation. */
    static ImageTransform training(PaperTransforms transforms) {
        return new Paper(transforms, true);
    }

    /** The papers' evaluation transform (no randomness). */
    static ImageTransform evaluation(PaperTransforms transforms) {
        return new Paper(transforms, false);
    }

    /** {@link PaperTransforms}' training or evaluation pipeline as a transform. */
    record Paper(PaperTransforms transforms, boolean training) implements ImageTransform {

        @Override
        public int sampleFloats() {
            return 3 * transforms.cropSize() * transforms.cropSize();
        }

        @Override
        public void apply(RgbImage image, SplittableRandom random, float[] out, int offset) {
            if (training) {
                transforms.train(image, random, out, offset);
            }
            else {
                transforms.evaluate(image, out, offset);
            }
        }
    }
}
