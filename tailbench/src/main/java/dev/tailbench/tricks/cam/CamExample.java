package dev.tailbench.tricks.cam;

/**
 * One generated image with what it was made from, copied to the host for the report's grid of
 * original / CAM / mask / generated images. Pixels are channel-major (C x H x W), as on the device.
 *
 * @param label     class of the image
 * @param source    index of the training image it was made from
 * @param kind      the transform applied
 * @param channels  C
 * @param height    H
 * @param width     W
 * @param original  the source image, uint8 C x H x W
 * @param cam       the source's normalised class activation map for its label, H x W in [0, 1];
 *                  {@code null} for ImageTrans, which uses no map
 * @param mask      the foreground that was transformed, H x W row-major (all of it for ImageTrans)
 * @param generated the generated image, uint8 C x H x W
 */
public record CamExample(int label, int source, TransformKind kind, int channels, int height, int width,
        byte[] original, float[] cam, boolean[] mask, byte[] generated) {

    /** Checks that every array has the size the shape gives. */
    public CamExample {
        int pixels = height * width;
        if (original.length != channels * pixels || generated.length != channels * pixels || mask.length != pixels
                || (cam != null && cam.length != pixels)) {
            throw new IllegalArgumentException("arrays do not match " + channels + " x " + height + " x " + width);
        }
    }
}
