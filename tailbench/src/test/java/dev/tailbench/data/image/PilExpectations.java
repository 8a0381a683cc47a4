package dev.tailbench.data.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What Pillow 9.4 and torchvision 0.14 computed for the test image ({@code pil_expectations.json},
 * written by {@code pil_expectations.py} beside it).
 */
final class PilExpectations {

    static final JsonNode JSON = load();

    private PilExpectations() {}

    /** The test image of the script: every channel varies with x and y. */
    static RgbImage testImage(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * width + x) * 3 + c] = (byte) (((x * 37 + y * 59 + c * 101) * 7 + x * y) % 256);
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }

    static byte[] bytes(JsonNode array) {
        byte[] out = new byte[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) array.get(i).asInt();
        }
        return out;
    }

    private static JsonNode load() {
        try (InputStream in = PilExpectations.class.getResourceAsStream("pil_expectations.json")) {
            return new ObjectMapper().readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
