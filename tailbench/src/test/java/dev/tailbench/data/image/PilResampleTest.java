package dev.tailbench.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** PIL's bilinear resize, byte for byte against Pillow 9.4 (shrinking, growing, one axis, to 1x1). */
class PilResampleTest {

    @Test
    void theScriptsImageIsTheTestsImage() {
        assertThat(PilExpectations.testImage(17, 11).rgb()).isEqualTo(PilExpectations.bytes(PilExpectations.JSON.get("source")));
    }

    @Test
    void everySizeMatchesPillowByteForByte() {
        RgbImage image = PilExpectations.testImage(17, 11);
        assertThat(PilExpectations.JSON.get("resize")).hasSize(7);
        for (JsonNode expected : PilExpectations.JSON.get("resize")) {
            int w = expected.get("width").asInt();
            int h = expected.get("height").asInt();

            RgbImage resized = PilResample.bilinear(image, w, h);

            assertThat(resized.width()).isEqualTo(w);
            assertThat(resized.height()).isEqualTo(h);
            assertThat(resized.rgb()).as("%dx%d", w, h).isEqualTo(PilExpectations.bytes(expected.get("pixels")));
        }
    }

    @Test
    void theSameSizeIsACopy() {
        RgbImage image = PilExpectations.testImage(4, 3);

        RgbImage same = PilResample.bilinear(image, 4, 3);

        assertThat(same.rgb()).isEqualTo(image.rgb()).isNotSameAs(image.rgb());
    }

    @Test
    void halvingByHandAveragesPairs() {
        // 4x1 grey ramp to 2x1: the triangle widened to support 2 around centres 1 and 3 weighs
        // input pixels at distances 0.5 and 1.5 by 3/4 and 1/4 (normalised over the pixels inside):
        // out0 = (3*10 + 3*20 + 1*30) / 7 = 17.1 -> 17; out1 = (1*20 + 3*30 + 3*40) / 7 = 32.9 -> 33.
        byte[] rgb = {10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40};

        RgbImage half = PilResample.bilinear(new RgbImage(4, 1, rgb), 2, 1);

        assertThat(half.get(0, 0, 0)).isEqualTo(17);
        assertThat(half.get(1, 0, 0)).isEqualTo(33);
    }
}
