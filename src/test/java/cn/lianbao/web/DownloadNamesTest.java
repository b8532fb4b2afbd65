package cn.lianbao.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A document with a Chinese name downloads under that name, and the header stays ISO-8859-1. */
class DownloadNamesTest {

  @Test
  void theChineseNameTravelsInFilenameStarAndTheQuotedNameIsAscii() {
    // what Camunda's REST API writes for a file variable (URLEncodingUtil.buildAttachmentValue)
    String camunda = "attachment; filename=\"太浦河沿线排污口清单（苏州市初稿）.pdf\"; "
        + "filename*=UTF-8''%E5%A4%AA%E6%B5%A6%E6%B2%B3%E6%B2%BF%E7%BA%BF%E6%8E%92%E6%B1%A1%E5%8F%A3%E6%B8%85%E5%8D%95"
        + "%EF%BC%88%E8%8B%8F%E5%B7%9E%E5%B8%82%E5%88%9D%E7%A8%BF%EF%BC%89.pdf";

    String header = DownloadNames.attachment(camunda);

    assertThat(StandardCharsets.ISO_8859_1.newEncoder().canEncode(header)).isTrue();
    assertThat(header).startsWith("attachment; filename=\"").contains(".pdf\"");
    assertThat(DownloadNames.fileName(header)).isEqualTo("太浦河沿线排污口清单（苏州市初稿）.pdf");
  }

  @Test
  void spacesAndPlusSignsSurvive() {
    String header = DownloadNames.attachment("attachment; filename=\"plan a+b 2027.pdf\"");

    assertThat(header).isEqualTo("attachment; filename=\"plan a+b 2027.pdf\"; filename*=UTF-8''plan%20a%2Bb%202027.pdf");
    assertThat(DownloadNames.fileName(header)).isEqualTo("plan a+b 2027.pdf");
  }

  @Test
  void aHeaderWithoutFileNameIsLeftAlone() {
    assertThat(DownloadNames.attachment("inline")).isEqualTo("inline");
  }
}
