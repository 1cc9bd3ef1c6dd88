"""The Dask engine on local clusters: the same rows as a single-process ingest, a failing partition
reported while the others are stored, a worker killed mid-run then the same command run again."""
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from hronika import pipeline
from hronika.api import Hronika
from ingest_rows import differences, rows
from test_ingest_interrupt import articles, count, whole

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.dask


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """40 articles, and the rows a single-process ingest stores from them."""
    folder = tmp_path_factory.mktemp("corpus")
    src = articles(folder / "a.jsonl", 40)
    url = f"sqlite:///{folder / 'single.db'}"
    with Hronika(db=url) as h:
        assert h.ingest([src], jobs=1).stored == 40
    return src, rows(url)


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, as ``--engine dask`` starts them."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as c:
        yield c


def test_two_workers_store_the_same_rows_as_one_process(corpus, cluster, tmp_path):
    src, single = corpus
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    with Hronika(db=url) as h:
        s = h.ingest([src], engine="dask", scheduler=cluster.scheduler_address)
        assert (s.read, s.stored, s.failed) == (40, 40, 0)
        assert differences(single, rows(url)) == []
        again = h.ingest([src], engine="dask", scheduler=cluster.scheduler_address)
        assert (again.stored, again.duplicates, again.skipped) == (0, 40, 40)


def test_read_on_dask_yields_the_documents_in_input_order(corpus, cluster):
    src, _ = corpus
    with Hronika(db="sqlite://") as h:
        ids = [d.id for d in h.read([src], engine="dask", scheduler=cluster.scheduler_address)]
    assert ids == [f"a{i}" for i in range(40)]


def test_the_workers_reading_do_without_dask_s_statistical_profiler(corpus):
    """It samples the reading thread every 10 ms (hronika/dask_engine.py ``Readers.setup``)."""
    src, _ = corpus
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as c:
        assert all(c.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks).values())
        with Hronika(db="sqlite://") as h:
            assert len(list(h.read([src], engine="dask", scheduler=c))) == 40
        assert not any(c.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks).values())


def _faults_reusing_memory(rounds: int = 3, mb: int = 48) -> list[int]:
    """Minor page faults of a fresh thread that, ``rounds`` times, mallocs ``mb`` blocks of 1 MB,
    writes them and frees them: what a reading thread does with a batch's arrays."""
    import ctypes
    import resource
    import threading

    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    out: list[int] = []

    def run():
        for _ in range(rounds):
            before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
            blocks = [libc.malloc(1 << 20) for _ in range(mb)]
            for b in blocks:
                ctypes.memset(b, 1, 1 << 20)
            for b in reversed(blocks):
                libc.free(b)
            out.append(resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_a_thread_other_than_the_main_one_keeps_the_memory_it_frees_once_the_top_pad_is_set():
    """Without it, glibc hands a thread's freed heap back (whatever the trim threshold) and the
    next batch faults it in again: 48 MB are 12,288 pages."""
    code = ("import sys; sys.path[:0] = [sys.argv[1]]\n"
            "from test_dask_engine import _faults_reusing_memory\n"
            "from hronika.batch import _keep_freed_memory\n"
            "from hronika.dask_engine import _keep_freed_heaps\n"
            "_keep_freed_memory(); print(_faults_reusing_memory()[1:])\n"
            "_keep_freed_heaps(); print(_faults_reusing_memory()[1:])\n")
    out = subprocess.run([sys.executable, "-c", code, os.path.dirname(__file__)], capture_output=True,
                         text=True, check=True).stdout.split("\n")
    without, with_pad = eval(out[0]), eval(out[1])
    assert min(without) > 4000  # at least 16 MB faulted in again each round
    assert max(with_pad) < 500


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_the_local_cluster_s_workers_keep_freed_memory_and_wake_less_often(corpus):
    from hronika.dask_engine import local_cluster

    src, _ = corpus
    with local_cluster(1) as cluster, distributed.Client(cluster) as c:
        intervals = c.run(lambda dask_worker: (dask_worker.memory_manager.memory_monitor_interval,
                                               dask_worker._tick_interval))
        assert list(intervals.values()) == [(1.0, 1.0)]  # not every 100 ms and 20 ms
        with Hronika(db="sqlite://") as h:
            assert len(list(h.read([src], engine="dask", scheduler=c))) == 40
        faults = c.submit(_faults_reusing_memory, pure=False).result()
        assert max(faults[1:]) < 500, faults


def test_the_reader_is_built_once_per_worker_and_a_failing_partition_is_reported(
        corpus, tmp_path, monkeypatch):
    src, _ = corpus
    built, tries = [], []
    real_build, real_pipe = pipeline.build, pipeline.Reader.pipe
    monkeypatch.setattr(pipeline, "build", lambda *a, **k: built.append(1) or real_build(*a, **k))

    def pipe(self, docs):
        if any(d.id == "a20" for d in docs):
            tries.append(1)
            raise MemoryError("out of memory")  # what Reader.pipe does not take per article
        return real_pipe(self, docs)

    monkeypatch.setattr(pipeline.Reader, "pipe", pipe)
    url = f"sqlite:///{tmp_path / 'h.db'}"
    # threads in this process, so that the patches reach the workers
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=":0") as c, Hronika(db=url) as h:
        s = h.ingest([src], engine="dask", scheduler=c.scheduler_address)
    assert len(built) == 2  # one reader a worker, for the 3 partitions
    assert len(tries) == 3  # the first try and two retries
    lost = [f"a{i}" for i in range(16, 32)]  # the partition of a20
    assert sorted(f.doc_id for f in s.failures) == sorted(lost)
    assert all("MemoryError: out of memory" in f.message for f in s.failures)
    assert s.stored == 24 and s.read == 24
    with Hronika(db=url) as h:
        assert sorted(h.ids()) == sorted(f"a{i}" for i in range(40) if f"a{i}" not in lost)


def _ingest(src, db, scheduler):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRONIKA_")}
    return subprocess.Popen([sys.executable, "-m", "hronika.cli", "ingest", str(src), "--db", str(db),
                             "--engine", "dask", "--scheduler", scheduler],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_a_worker_killed_mid_run_then_the_same_command_stores_every_article_once(corpus, cluster, tmp_path):
    src, single = corpus
    db = tmp_path / "h.db"
    with distributed.Client(cluster) as c:
        pids = c.run(os.getpid)
        proc = _ingest(src, db, cluster.scheduler_address)
        deadline = time.time() + 60
        while count(db) < 8:
            assert proc.poll() is None and time.time() < deadline, proc.communicate()
            time.sleep(0.05)
        assert count(db) < 40  # mid-run
        os.kill(next(iter(pids.values())), signal.SIGKILL)
        proc.communicate(timeout=120)  # it may finish (the nanny restarts the worker) or report some
        assert proc.returncode in (0, 1)
        c.wait_for_workers(2, timeout=60)
    again = _ingest(src, db, cluster.scheduler_address)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    whole(db, 40)
    assert differences(single, rows(f"sqlite:///{db}")) == []


def test_without_dask_the_engine_says_how_to_install_it(tmp_path):
    code = ("import sys; sys.modules['distributed'] = None; from hronika.cli import main; "
            f"sys.exit(main(['ingest', {str(tmp_path / 'a.jsonl')!r}, '--db', {str(tmp_path / 'h.db')!r}, "
            "'--engine', 'dask']))")
    articles(tmp_path / "a.jsonl", 2)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: the dask engine needs dask and distributed: pip install 'hronika[dask]'"
    assert not (tmp_path / "h.db").exists()


def test_a_client_killed_mid_run_then_the_same_command_ends_with_the_rows_of_one_process(corpus, cluster, tmp_path):
    src, single = corpus
    db = tmp_path / "h.db"
    proc = _ingest(src, db, cluster.scheduler_address)
    deadline = time.time() + 60
    while count(db) < 5:
        assert proc.poll() is None and time.time() < deadline, proc.communicate()
        time.sleep(0.01)
    proc.kill()
    proc.communicate()
    assert count(db) < 40
    again = _ingest(src, db, cluster.scheduler_address)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    stored, dup = map(int, re.search(r"stored (\d+), replaced 0, duplicates (\d+), failed 0", out).groups())
    assert stored + dup == 40 and dup >= 5
    assert differences(single, rows(f"sqlite:///{db}")) == []


def test_ctrl_c_at_the_terminal_stops_the_client_and_its_local_cluster_quietly(corpus, tmp_path):
    src, _ = corpus
    db = tmp_path / "h.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRONIKA_")}
    proc = subprocess.Popen([sys.executable, "-m", "hronika.cli", "ingest", str(src), "--db", str(db),
                             "--engine", "dask", "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, start_new_session=True)
    deadline = time.time() + 60
    while count(db) < 3:
        assert proc.poll() is None and time.time() < deadline, proc.communicate()
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the client, the nannies, the workers
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert re.fullmatch(r"interrupted: \d+ stored; run the same command to resume", err.strip()), err
    deadline = time.time() + 20
    while time.time() < deadline:  # nothing of it left, soon
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("processes of the interrupted ingest still run")


def test_a_scheduler_that_cannot_be_reached_is_one_line(tmp_path):
    src = articles(tmp_path / "a.jsonl", 2)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRONIKA_")}
    env["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"] = "2s"
    done = subprocess.run([sys.executable, "-m", "hronika.cli", "ingest", str(src), "--db", str(tmp_path / "h.db"),
                           "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"], capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:1: ")
    assert len(done.stderr.strip().splitlines()) == 1
