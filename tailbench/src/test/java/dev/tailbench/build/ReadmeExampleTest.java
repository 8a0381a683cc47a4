package dev.tailbench.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * README's first experiment is {@code examples/maven-consumer}'s, which CI builds and runs against
 * the installed artifacts; so the code a newcomer copies is code that passes. And its budgets are
 * the regression's for the same protocol ({@code FashionMnistTricks}), so they are measured ones.
 */
class ReadmeExampleTest {

    private static final Path EXAMPLE = Path.of("examples/maven-consumer/src/test/java/com/example/LongTailTricksTest.java");

    @Test
    void readmesFirstExperimentIsTheExampleConsumersCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Writing an experiment");
        assertThat(section).isNotNegative();
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).isTrue();
        assertThat(code(Files.readString(EXAMPLE))).isEqualTo(code(block.group(1)));
    }

    @Test
    void theExamplesBudgetsAreTheRegressions() throws IOException {
        String example = Files.readString(EXAMPLE);
        String regression = Files.readString(Path.of("tailbench/src/test/java/dev/tailbench/regression/FashionMnistTricks.java"));
        for (String budget : List.of("@ErrorBudget(max = 52.0)",
                "@ErrorBudget(max = 43.5, notWorseThan = \"crossEntropy\", margin = -2.0)")) {
            assertThat(example).contains(budget);
            assertThat(regression).contains(budget);
        }
        assertThat(example).contains("@LongTailExperiment(dataset = \"fashion-mnist\", imbalance = 100, backbone = \"resnet8\", epochs = 8)");
        assertThat(regression).contains("@LongTailExperiment(dataset = \"fashion-mnist\", imbalance = 100, backbone = \"resnet8\", epochs = 8,");
    }

    /** The lines from the import on, without the package line and the Javadoc, blank lines dropped. */
    private static List<String> code(String source) {
        String withoutJavadoc = source.replaceAll("(?s)/\\*\\*.*?\\*/\\n", "");
        return withoutJavadoc.lines().map(String::stripTrailing).filter(line -> !line.isBlank())
                .filter(line -> !line.startsWith("package ")).toList();
    }
}
