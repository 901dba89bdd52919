package org.sightline;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot wiring for the batch side (job repository, JobOperator, the ingest job). */
@SpringBootApplication
public class SightlineApplication {
}
