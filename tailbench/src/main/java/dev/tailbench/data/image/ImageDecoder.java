package dev.tailbench.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.tailbench.data.DatasetFormatException;

/**
 * Decodes an image file (JPEG, PNG, BMP, ...) to {@link RgbImage}, as torchvision's default loader
 * does with {@code PIL.Image.open(f).convert("RGB")}: grey images are repeated into three
 * channels, alpha is dropped, CMYK JPEGs (a few dozen of ImageNet's) are converted. Decoding goes
 * through {@code javax.imageio}; with TwelveMonkeys' JPEG plugin on the class path (tailbench
 * depends on it) CMYK and YCCK JPEGs and JPEGs with damaged metadata decode too, which the JDK's
 * own reader decodes wrongly or refuses. On the test files (colour, grey and CMYK JPEGs, PNGs
 * with and without alpha, written by Pillow) the pixels are Pillow's exactly: TwelveMonkeys over
 * the JDK's libjpeg and Pillow's libjpeg-turbo share the integer inverse DCT and upsampling, and
 * CMYK is converted without a colour profile as Pillow converts it ({@code ImageDecoderTest}).
 * A JPEG cut short fails as Pillow fails it ("truncated"), where libjpeg alone would return the
 * image grey below the cut; a file missing only its end-of-image marker still decodes (Pillow
 * refuses that one too).
 */
public final class ImageDecoder {

    static {
        // Plugins on the class path (TwelveMonkeys) register through the service loader; make sure
        // a class loader other than the system one (Surefire's, a user's) has been scanned.
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {}

    /** Decodes a file; a file no reader understands, or a damaged one, fails naming it. */
    public static RgbImage decode(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /**
     * Decodes the bytes of an image file.
     *
     * @param name the file's name for messages
     */
    public static RgbImage decode(byte[] bytes, String name) throws IOException {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetFormatException(name, "not an image file any installed reader knows ("
                        + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                image = reader.read(0);
                // libjpeg decodes a file cut short as grey below the cut and only warns; Pillow
                // (torchvision's loader) refuses it, and so does tailbench.
                for (String warning : warnings) {
                    if (warning.toLowerCase(java.util.Locale.ROOT).contains("premature end")) {
                        throw new DatasetFormatException(name, "is truncated: " + warning);
                    }
                }
            }
            catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new DatasetFormatException(name, "cannot be decoded as " + reader.getFormatName() + ": "
                        + e.getMessage(), e);
            }
            finally {
                reader.dispose();
            }
        }
        if (image == null) {
            throw new DatasetFormatException(name, "decoded to no image");
        }
        return toRgb(image);
    }

    /** The pixels of a decoded image as interleaved RGB bytes, by the fastest route its layout allows. */
    public static RgbImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        Raster raster = image.getRaster();
        if ((image.getType() == BufferedImage.TYPE_3BYTE_BGR || image.getType() == BufferedImage.TYPE_BYTE_GRAY)
                && raster.getSampleModel() instanceof ComponentSampleModel model
                && raster.getDataBuffer() instanceof DataBufferByte buffer
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            byte[] data = buffer.getData();
            int pixelStride = model.getPixelStride();
            int rowStride = model.getScanlineStride();
            if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
                int[] offsets = model.getBandOffsets(); // r, g, b bands at these offsets (2, 1, 0 for BGR)
                for (int y = 0; y < height; y++) {
                    int row = y * rowStride;
                    for (int x = 0; x < width; x++) {
                        int p = row + x * pixelStride;
                        int o = (y * width + x) * 3;
                        rgb[o] = data[p + offsets[0]];
                        rgb[o + 1] = data[p + offsets[1]];
                        rgb[o + 2] = data[p + offsets[2]];
                    }
                }
            }
            else {
                int offset = model.getBandOffsets()[0];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        byte v = data[offset + y * rowStride + x * pixelStride];
                        int o = (y * width + x) * 3;
                        rgb[o] = v;
                        rgb[o + 1] = v;
                        rgb[o + 2] = v;
                    }
                }
            }
            return new RgbImage(width, height, rgb);
        }
        // Any other layout (palette, alpha, 16 bits, CMYK converted by the reader): the colour
        // model's sRGB values, alpha dropped as PIL's convert("RGB") drops it.
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (byte) (argb[i] >>> 16);
            rgb[i * 3 + 1] = (byte) (argb[i] >>> 8);
            rgb[i * 3 + 2] = (byte) argb[i];
        }
        return new RgbImage(width, height, rgb);
    }
}
