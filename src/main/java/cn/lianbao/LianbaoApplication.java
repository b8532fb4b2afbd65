package cn.lianbao;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Lianbao (联保): the joint-protection plan of the Demonstration Zone's key cross-boundary water
 * bodies, run as Camunda 7 processes. {@code processes/} and {@code forms/} are deployed as one
 * deployment by {@link cn.lianbao.deployment.ProcessDeployment}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LianbaoApplication {

  public static void main(String[] args) {
    SpringApplication.run(LianbaoApplication.class, args);
  }
}
