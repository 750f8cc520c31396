"""Measurements behind ``guigym bench`` (see README.md): WebEnv speed, memory, a bare ceiling."""

from guigym.envs.bench.web import bench_web

__all__ = ["bench_web"]
