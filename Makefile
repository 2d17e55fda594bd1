# The two set-up commands of the README: `make course` and `make test`.
SWIFT ?= swift
# Lessons that train use both cores; two at once would each run at half speed, past the time a
# lesson is budgeted for on this 2-core machine. `make course JOBS=2` overlaps them anyway.
JOBS ?= 1

.PHONY: course test grade build bench clean

## Install what is missing, build in release mode, render every lesson into Output/.
course:
	scripts/install-deps.sh course
	$(SWIFT) build -c release
	.build/release/lessons build --jobs $(JOBS)
	@echo "Open $(CURDIR)/Output/index.html"

## Install what is missing and run the whole test suite (library and runner).
## The tests build in a folder of their own: a testable build of the library differs from the
## one lessons link against, and sharing `.build` would make every lesson's cache stale.
test:
	scripts/install-deps.sh test
	$(SWIFT) build -c release
	$(SWIFT) test -c release --scratch-path .build-tests

## The student's grade: the public checks, with the feedback the teacher's grader gives.
grade:
	scripts/install-deps.sh grade
	$(SWIFT) build -c release --product lessons
	.build/release/lessons grade

build:
	$(SWIFT) build -c release

## Performance: the runner's overhead and the library against PyTorch (see README).
bench:
	scripts/install-deps.sh course
	$(SWIFT) build -c release
	scripts/bench.sh

clean:
	rm -rf .build .build-tests Output/*.html Output/assets .lessons-cache
