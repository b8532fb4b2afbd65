package cn.lianbao.form;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.rest.JsonLimitsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The upload limit is one number: the documented default, every form's cam-max-filesize, and Jackson's. */
class UploadLimitTest {

  /** The README's documented default of lianbao.upload-max-size. */
  private static final long DOCUMENTED = DataSize.ofMegabytes(20).toBytes();

  @Test
  void everyFormsFileFieldAllowsExactlyTheServersLimit() throws IOException {
    Pattern maxFileSize = Pattern.compile("cam-max-filesize=\"(\\d+)\"");
    List<Long> limits;
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      limits = forms.filter(form -> form.toString().endsWith(".html")).flatMap(form -> {
        try {
          Matcher matcher = maxFileSize.matcher(Files.readString(form));
          return matcher.results().map(result -> Long.parseLong(result.group(1))).toList().stream();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    assertThat(limits).isNotEmpty().containsOnly(DOCUMENTED);
  }

  @Test
  void aJsonStringHoldsADocumentOfTheLimitAndOneByteMore() {
    long base64OfOneMore = (DOCUMENTED + 1 + 2) / 3 * 4;
    assertThat((long) JsonLimitsAccess.maxStringLength(DOCUMENTED)).isGreaterThanOrEqualTo(base64OfOneMore);
  }
}
