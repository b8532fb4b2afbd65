package cn.lianbao.rest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Lets JSON bodies carry a document of {@code lianbao.upload-max-size} bytes: Tasklist and REST
 * clients send a file as one base64 string (4 characters for every 3 bytes), longer than Jackson's
 * default limit of 20,000,000 characters for a document over 15 MB. Camunda's REST API and the
 * webapps build their {@code ObjectMapper}s themselves ({@code JacksonConfigurator}, one per
 * request), so the limit is raised where every new one takes it from: Jackson's default
 * constraints, set once before any of them exists. A larger document is then refused by the size
 * check ({@code VariableLimits}, HTTP 400 naming the variable).
 */
public class JsonLimits implements EnvironmentPostProcessor, Ordered {

  static final String UPLOAD_MAX_SIZE = "lianbao.upload-max-size";
  static final DataSize DEFAULT = DataSize.ofMegabytes(20);

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String configured = environment.getProperty(UPLOAD_MAX_SIZE);
    DataSize upload = configured == null ? DEFAULT : DataSize.parse(configured);
    StreamReadConstraints.overrideDefaultStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(Math.max(StreamReadConstraints.DEFAULT_MAX_STRING_LEN, maxStringLength(upload.toBytes())))
        .build());
  }

  /** The base64 length of a document of {@code bytes}, and room for one byte more to be refused by size. */
  static int maxStringLength(long bytes) {
    long base64 = (bytes + 1 + 2) / 3 * 4;
    return (int) Math.min(Integer.MAX_VALUE, base64 + 4);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
