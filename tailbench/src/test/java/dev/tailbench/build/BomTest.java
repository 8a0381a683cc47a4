package dev.tailbench.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM a consumer imports ({@code bom/pom.xml}) is a separate build from tailbench's own pom: it
 * must pin the version tailbench is built as and the JUnit and DJL versions tailbench is built and
 * tested with, or a consumer gets a mix that fails at discovery.
 */
class BomTest {

    @Test
    void theBomPinsWhatTheBuildUses() throws Exception {
        Document root = read(Path.of("pom.xml"));
        Document bom = read(Path.of("bom/pom.xml"));
        assertThat(child(bom.getDocumentElement(), "version"))
                .isEqualTo(child(root.getDocumentElement(), "version"));
        assertThat(child(bom.getDocumentElement(), "groupId")).isEqualTo(child(root.getDocumentElement(), "groupId"));
        Map<String, String> rootProperties = properties(root);
        Map<String, String> bomProperties = properties(bom);
        for (String key : new String[] {"junit.version", "djl.version"}) {
            assertThat(bomProperties.get(key)).as(key).isNotNull().isEqualTo(rootProperties.get(key));
        }
        // And the BOM names every module a consumer may add, plus the two BOMs it imports.
        String text = java.nio.file.Files.readString(Path.of("bom/pom.xml"));
        assertThat(text).contains("<artifactId>tailbench</artifactId>", "<artifactId>tailbench-api</artifactId>",
                "<artifactId>tailbench-allure</artifactId>", "<artifactId>junit-bom</artifactId>",
                "<groupId>ai.djl</groupId>");
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> properties = new TreeMap<>();
        NodeList blocks = pom.getDocumentElement().getElementsByTagName("properties");
        Element block = (Element) blocks.item(0);
        NodeList children = block.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element) {
                properties.put(element.getTagName(), element.getTextContent().trim());
            }
        }
        return properties;
    }
}
