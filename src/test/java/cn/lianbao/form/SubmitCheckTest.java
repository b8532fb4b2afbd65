package cn.lianbao.form;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.lianbao.LianbaoProperties;
import cn.lianbao.process.InvalidInputException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SubmitCheckTest {

  static final String FORM = """
      <form>
        <label for="meetingDay">会议日期</label>
        <input id="meetingDay" type="date" required cam-variable-name="meetingDay" cam-variable-type="String">
        <label for="topics">议题 <span class="text-danger">*</span></label>
        <textarea id="topics" required maxlength="10" cam-variable-name="topics" cam-variable-type="String"></textarea>
        <label for="attendees">参会人数</label>
        <input id="attendees" type="number" min="1" max="99" cam-variable-name="attendees" cam-variable-type="Integer">
        <label for="minutes">会议纪要</label>
        <input id="minutes" type="file" required cam-max-filesize="20971520" accept=".pdf,.docx"
               cam-variable-name="minutes" cam-variable-type="File">
        <input id="documentTitle" readonly required cam-variable-name="documentTitle" cam-variable-type="String">
      </form>
      """;

  private final SubmitCheck check = new SubmitCheck(new LianbaoProperties(Path.of("data"), ZoneId.of("Asia/Shanghai"),
      14, null, null, DataSize.ofMegabytes(20), 3650, null));
  private final List<FormField> fields = FormDefinitions.parse(FORM);

  @Test
  void aCompleteSubmitPasses() {
    assertThatCode(() -> check.check(fields, submitted(Map.of("meetingDay", Variables.stringValue("2027-06-12"),
        "topics", Variables.stringValue("太浦河水质"), "minutes", pdf("纪要.pdf", 1024)))))
        .doesNotThrowAnyException();
  }

  @Test
  void anUploadLeftEmptyInTasklistCountsAsNoFile() {
    TypedValue nothingChosen = Variables.fileValue("").file(new byte[0]).create();
    assertThatThrownBy(() -> check.check(fields, submitted(Map.of("meetingDay", Variables.stringValue("2027-06-12"),
        "topics", Variables.stringValue("议题"), "minutes", nothingChosen))))
        .hasMessageContaining("字段 minutes（会议纪要）为必填项");
  }

  @Test
  void missingRequiredFieldsAreNamedEveryOne() {
    assertThatThrownBy(() -> check.check(fields, submitted(Map.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("字段 meetingDay（会议日期）为必填项")
        .hasMessageContaining("字段 topics（议题）为必填项")
        .hasMessageContaining("字段 minutes（会议纪要）为必填项")
        .hasMessageNotContaining("documentTitle")
        .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("meetingDay");
  }

  @Test
  void malformedValuesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> check.check(fields, submitted(Map.of("meetingDay", Variables.stringValue("12/06/2027"),
        "topics", Variables.stringValue("太浦河水质与排污口整治方案"), "attendees", Variables.integerValue(120),
        "minutes", pdf("纪要.pdf", 10)))))
        .hasMessageContaining("字段 meetingDay（会议日期）应为日期，格式 yyyy-MM-dd")
        .hasMessageContaining("字段 topics（议题）不能超过 10 字")
        .hasMessageContaining("字段 attendees（参会人数）不能大于 99");
  }

  @Test
  void aDocumentAboveTheLimitOrOfAnotherKindIsRefused() {
    assertThatThrownBy(() -> check.check(fields, submitted(Map.of("meetingDay", Variables.stringValue("2027-06-12"),
        "topics", Variables.stringValue("议题"), "minutes", pdf("纪要.pdf", 21 * 1024 * 1024)))))
        .hasMessageContaining("字段 minutes（会议纪要）的文件不能超过 20 MB（收到 21 MB）");
    assertThatThrownBy(() -> check.check(fields, submitted(Map.of("meetingDay", Variables.stringValue("2027-06-12"),
        "topics", Variables.stringValue("议题"), "minutes", pdf("setup.exe", 100)))))
        .hasMessageContaining("只接受 pdf、docx 文件，收到“setup.exe”");
  }

  private static TypedValue pdf(String name, int bytes) {
    return Variables.fileValue(name).file(new byte[bytes]).mimeType("application/pdf").create();
  }

  private static VariableScope submitted(Map<String, TypedValue> values) {
    VariableScope scope = mock(VariableScope.class);
    when(scope.getVariableTyped(anyString())).thenAnswer(call -> values.get(call.<String>getArgument(0)));
    return scope;
  }
}
