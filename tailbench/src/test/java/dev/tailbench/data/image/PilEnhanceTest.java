package dev.tailbench.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** ImageEnhance's brightness, contrast and colour, byte for byte against Pillow 9.4. */
class PilEnhanceTest {

    @Test
    void everyKindAndFactorMatchesPillow() {
        RgbImage image = PilExpectations.testImage(17, 11);
        assertThat(PilExpectations.JSON.get("enhance")).hasSize(12);
        for (JsonNode expected : PilExpectations.JSON.get("enhance")) {
            String kind = expected.get("kind").asText();
            double factor = expected.get("factor").asDouble();

            RgbImage out = switch (kind) {
                case "brightness" -> PilEnhance.brightness(image, factor);
                case "contrast" -> PilEnhance.contrast(image, factor);
                default -> PilEnhance.saturation(image, factor);
            };

            assertThat(out.rgb()).as("%s %s", kind, factor).isEqualTo(PilExpectations.bytes(expected.get("pixels")));
        }
    }

    @Test
    void greyIsPillowsFixedPointLuma() {
        // (19595*200 + 38470*100 + 7471*50 + 32768) >> 16 = 8,172,318 >> 16 = 124
        // (0.299*200 + 0.587*100 + 0.114*50 = 124.2).
        assertThat(PilEnhance.grey(new byte[] {(byte) 200, 100, 50}, 0)).isEqualTo(124);
    }
}
