package todoservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An operator configures the WAR through the stack's context.xml: every key the service reads is there (but the
 * development switches a deployed WAR never uses), each taking the environment variable of its own name.
 */
class ContextXmlTest {

    @Test
    void everyKeyTheServiceReadsCanBeSetThroughContextXml() throws Exception {
        List<String> keys = new ArrayList<>();
        for (Field field : ConfigReader.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String key = (String) field.get(null);
                if (key.matches("[A-Z][A-Z0-9_]*") && !key.startsWith("DEV_")) {
                    keys.add(key);
                }
            }
        }
        NodeList parameters = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("tomcat-conf/conf/context.xml").toFile()).getElementsByTagName("Parameter");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parameters.getLength(); i++) {
            Element parameter = (Element) parameters.item(i);
            String name = parameter.getAttribute("name");
            names.add(name);
            assertThat(parameter.getAttribute("value")).as(name).isEqualTo("${" + name + ":-}");
            assertThat(parameter.getAttribute("override")).as(name).isEqualTo("false");
        }

        assertThat(keys).hasSizeGreaterThan(40);
        assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys);
    }
}
