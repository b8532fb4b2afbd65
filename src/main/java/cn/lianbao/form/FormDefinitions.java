package cn.lianbao.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/** Reads the fields of embedded forms; each deployed form is read once. */
@Component
public class FormDefinitions {

  private final Map<String, List<FormField>> byDeploymentAndResource = new ConcurrentHashMap<>();

  /** The fields of a deployed form, read on first use. */
  public List<FormField> fields(String deploymentId, String resource, Supplier<InputStream> content) {
    return byDeploymentAndResource.computeIfAbsent(deploymentId + "/" + resource, key -> {
      try (InputStream in = content.get()) {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read form " + resource, e);
      }
    });
  }

  /** The fields of a form's HTML: every element with {@code cam-variable-name}. */
  public static List<FormField> parse(String html) {
    Document form = Jsoup.parseBodyFragment(html);
    List<FormField> fields = new ArrayList<>();
    for (Element input : form.select("[cam-variable-name]")) {
      boolean readonly = input.hasAttr("readonly") || input.hasAttr("disabled");
      String accept = input.attr("accept");
      fields.add(new FormField(
          input.attr("cam-variable-name"),
          input.hasAttr("cam-variable-type") ? input.attr("cam-variable-type") : "String",
          label(form, input),
          input.hasAttr("required") && !readonly,
          number(input, "maxlength") == null ? null : number(input, "maxlength").intValue(),
          "date".equalsIgnoreCase(input.attr("type")),
          number(input, "min"),
          number(input, "max"),
          number(input, "cam-max-filesize"),
          accept.isBlank() ? List.of() : Arrays.stream(accept.split(","))
              .map(String::trim).map(ending -> ending.replaceFirst("^\\.", "").toLowerCase())
              .filter(ending -> !ending.isEmpty()).toList(),
          readonly));
    }
    return List.copyOf(fields);
  }

  private static String label(Document form, Element input) {
    String id = input.id();
    Element label = id.isEmpty() ? null : form.selectFirst("label[for=" + id + "]");
    if (label == null) {
      return input.attr("placeholder");
    }
    Element copy = label.clone();
    copy.select(".text-danger").remove();
    return copy.text().trim();
  }

  private static Long number(Element input, String attribute) {
    String value = input.attr(attribute).trim();
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("form field " + input.attr("cam-variable-name") + ": " + attribute
          + "=\"" + value + "\" is not a whole number");
    }
  }
}
