package dev.tailbench.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tailbench.data.DatasetFormatException;

/** Files written by Pillow, decoded here and compared with what Pillow decodes from them. */
class ImageDecoderTest {

    @TempDir
    Path dir;

    /**
     * Every file decodes to Pillow's pixels exactly: PNG is lossless, and for JPEG TwelveMonkeys'
     * reader (over the JDK's libjpeg) and Pillow's libjpeg-turbo use the same integer inverse DCT
     * and upsampling; CMYK is converted without a colour profile, as Pillow's convert("RGB") does.
     * Without TwelveMonkeys the JDK's reader decoded cmyk.jpg up to 73 levels off.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"photo.png", "alpha.png", "photo.jpg", "grey.jpg", "cmyk.jpg"})
    void decodesAsPillowDoes(String name) throws IOException {
        JsonNode expected = PilExpectations.JSON.get("decoded").get(name);
        byte[] pillow = PilExpectations.bytes(expected.get("pixels"));

        RgbImage image = ImageDecoder.decode(resource(name), name);

        assertThat(image.width()).isEqualTo(expected.get("width").asInt());
        assertThat(image.height()).isEqualTo(expected.get("height").asInt());
        assertThat(image.rgb()).isEqualTo(pillow);
    }

    @Test
    void aTruncatedJpegFailsNamingTheFile() throws IOException {
        byte[] jpeg = resource("photo.jpg");
        Path file = dir.resolve("n01440764_10026.JPEG");
        Files.write(file, Arrays.copyOf(jpeg, 200));

        assertThatThrownBy(() -> ImageDecoder.decode(file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": ");
    }

    /**
     * Cut inside the entropy-coded data, libjpeg decodes the rest as grey and only warns; Pillow
     * (torchvision's loader) raises "image file is truncated", and so does the decoder.
     */
    @Test
    void aJpegCutShortNearItsEndFailsAsPillowDoes() throws IOException {
        byte[] jpeg = resource("photo.jpg");
        Path file = dir.resolve("n01440764_10027.JPEG");
        Files.write(file, Arrays.copyOf(jpeg, jpeg.length - 400));

        assertThatThrownBy(() -> ImageDecoder.decode(file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageStartingWith(file + ": is truncated: ");
    }

    @Test
    void aFileThatIsNoImageFailsNamingTheFile() throws IOException {
        Path file = dir.resolve("not-an-image.jpg");
        Files.writeString(file, "<html>404 Not Found</html>");

        assertThatThrownBy(() -> ImageDecoder.decode(file))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage(file + ": not an image file any installed reader knows (26 bytes)");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImageDecoderTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
