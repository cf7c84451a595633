/* moat-bench-gui.c: the app as a person meets it, timed
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Off-screen renderer figures (moat-bench) miss what the real window
 * costs. This opens models of 1,000 and 5,000 elements in the real
 * window and reports, each beside a minimal libadwaita window measured
 * in the same run:
 *
 *  - launch to first painted frame of the window with the model open
 *    (a process started for each run, so nothing is warm but the disk);
 *  - frame-clock paint times (before-paint to after-paint) while a
 *    shape is dragged by 60 pointer events, the view zoomed and panned.
 *
 * Run it under Xvfb with GSK_RENDERER=cairo (set here unless given), as
 * GTK's default renderer under Xvfb is software GL, whose full-window
 * cost hides the canvas' own:
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" build/src/bench/gui/moat-bench-gui
 *
 * With --frames it measures the frame times alone (to profile them).
 * After the first frames it times the launches to the end of loading
 * (the rules' suggestions and the outline, made after the first frame:
 * see moat-window.c). `--launch-only` skips the frame times;
 * `--write-model DIR SIZE` only writes a model, whose launch
 * `--child app PATH` then runs once (to profile it under perf).
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moat-application.h"
#include "moat-bench.h"
#include "moat-canvas.h"
#include "moat-window.h"

#define N_LAUNCHES 3
#define N_EVENTS   60
#define FRAME_WAIT (200 * 1000) /* µs to wait for a frame that may not come */

static const guint sizes[] = { 1000, 5000 };

/* ------------------------------------------------------------------ */
/* Child processes: report the first frame, then leave                 */

static void
on_first_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  if (MOAT_IS_WINDOW (window) && moat_window_get_model (MOAT_WINDOW (window)) == NULL)
    return;
  printf ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  _exit (0);
}

static void
on_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_paint), window);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}

/* What waits for the first frame (the rule engine, the outline) done. */
static void
on_loading (MoatWindow *window)
{
  if (moat_window_get_model (window) == NULL || moat_window_get_loading (window))
    return;
  printf ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  _exit (0);
}

static void
on_window_added_loaded (GtkApplication *app,
                        GtkWindow      *window)
{
  if (MOAT_IS_WINDOW (window))
    g_signal_connect (window, "notify::loading", G_CALLBACK (on_loading), NULL);
}

/* A header bar and 50 labels: what any libadwaita app pays to start. */
static void
on_minimal_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("Label %u", i);

      gtk_box_append (GTK_BOX (box), gtk_label_new (text));
    }
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *mode,
           const char *model_path)
{
  g_autoptr(GtkApplication) app = NULL;
  char *argv[] = { (char *) "moat", (char *) model_path, NULL };

  if (g_str_equal (mode, "minimal"))
    {
      app = GTK_APPLICATION (adw_application_new ("io.github.moatmodel.MoatBench", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (on_minimal_activate), NULL);
    }
  else
    {
      app = GTK_APPLICATION (moat_application_new ());
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
    }
  g_signal_connect (app, "window-added",
                    g_str_equal (mode, "loaded") ? G_CALLBACK (on_window_added_loaded) : G_CALLBACK (on_window_added),
                    NULL);
  return g_application_run (G_APPLICATION (app), model_path ? 2 : 1, argv);
}

/* ------------------------------------------------------------------ */
/* Launch to first frame                                               */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
launch_once (const char *self,
             const char *mode,
             const char *model_path)
{
  const char *argv[] = { self, "--child", mode, model_path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  /* CLOCK_MONOTONIC is one clock for every process on the machine. */
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("moat-bench-gui: %s %s: %s", mode, model_path ? model_path : "", error->message);
  return (g_ascii_strtoll (out, NULL, 10) - start) / 1000.0;
}

static double
launch_median (const char *self,
               const char *mode,
               const char *model_path)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < N_LAUNCHES; i++)
    {
      double ms = launch_once (self, mode, model_path);

      g_array_append_val (times, ms);
    }
  return median (times);
}

/* ------------------------------------------------------------------ */
/* Frame times in the real window                                      */

/* CPU time of this thread, µs: what a frame costs the app whatever else
 * the machine runs (GTK draws on this thread; the X server's share of
 * a frame is not in it). */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct
{
  gint64  started;
  gint64  cpu_started;
  guint   n_painted;
  GArray *durations; /* ms, of the frames painted while recording */
  GArray *cpu;       /* ms of CPU time of the same frames */
  /* Where a frame's time goes: the clock's update (animations), layout
   * (size allocation) and paint (snapshot and render) phases. */
  gint64  layout_start;
  gint64  paint_start;
  gint64  paint_end;
  double  layout_ms;  /* sums over the frames recorded */
  double  paint_ms;
} FrameLog;

static void
on_update_done (GdkFrameClock *clock,
                FrameLog      *log)
{
  log->layout_start = g_get_monotonic_time ();
}

static void
on_layout_done (GdkFrameClock *clock,
                FrameLog      *log)
{
  log->paint_start = g_get_monotonic_time ();
}

static void
on_paint_done (GdkFrameClock *clock,
               FrameLog      *log)
{
  log->paint_end = g_get_monotonic_time ();
}

static void
on_before_paint (GdkFrameClock *clock,
                 FrameLog      *log)
{
  log->started = g_get_monotonic_time ();
  log->cpu_started = thread_cpu_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                FrameLog      *log)
{
  double ms = (g_get_monotonic_time () - log->started) / 1000.0;

  log->n_painted++;
  if (log->durations != NULL && log->started != 0)
    {
      double cpu_ms = (thread_cpu_time () - log->cpu_started) / 1000.0;

      g_array_append_val (log->durations, ms);
      g_array_append_val (log->cpu, cpu_ms);
      log->layout_ms += (log->paint_start - log->layout_start) / 1000.0;
      log->paint_ms += (log->paint_end - log->paint_start) / 1000.0;
    }
}

/* Runs the main loop until the next frame is painted, or a while. */
static void
wait_for_frame (FrameLog *log)
{
  guint painted = log->n_painted;
  gint64 deadline = g_get_monotonic_time () + FRAME_WAIT;

  while (log->n_painted == painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
settle (FrameLog *log,
        guint     n_frames)
{
  for (guint i = 0; i < n_frames; i++)
    wait_for_frame (log);
}

static void
report_frames (const char *phase,
               const char *what,
               GArray     *durations)
{
  double max = 0, p95, mid;

  if (durations->len == 0)
    {
      g_print ("frame_%s_%s_frames 0 count\n", phase, what);
      return;
    }
  g_array_sort (durations, compare_doubles);
  mid = g_array_index (durations, double, durations->len / 2);
  p95 = g_array_index (durations, double, MIN (durations->len - 1, durations->len * 95 / 100));
  max = g_array_index (durations, double, durations->len - 1);
  g_print ("frame_%s_%s_median %.3f ms\n", phase, what, mid);
  g_print ("frame_%s_%s_p95 %.3f ms\n", phase, what, p95);
  g_print ("frame_%s_%s_max %.3f ms\n", phase, what, max);
  g_print ("frame_%s_%s_frames %u count\n", phase, what, durations->len);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first node on the diagram that is on screen, in widget coordinates. */
static gboolean
find_node_on_screen (MoatCanvas *canvas,
                     MoatModel  *model,
                     double     *x,
                     double     *y)
{
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      MoatElementKind kind = moat_element_get_kind (element);

      if (kind == MOAT_ELEMENT_FLOW || kind == MOAT_ELEMENT_BOUNDARY)
        continue;
      moat_canvas_from_diagram (canvas,
                                moat_element_get_x (element) + moat_element_get_width (element) / 2,
                                moat_element_get_y (element) + moat_element_get_height (element) / 2, x, y);
      if (*x > 40 && *y > 40 && *x < gtk_widget_get_width (GTK_WIDGET (canvas)) - 200 &&
          *y < gtk_widget_get_height (GTK_WIDGET (canvas)) - 200)
        return TRUE;
    }
  return FALSE;
}

static void
drag_phase (MoatCanvas *canvas,
            MoatModel  *model,
            FrameLog   *log)
{
  double x, y;

  if (!find_node_on_screen (canvas, model, &x, &y))
    g_error ("moat-bench-gui: no node on screen to drag");
  moat_canvas_drag_begin (canvas, x, y, GDK_BUTTON_PRIMARY, 0);
  for (guint i = 1; i <= N_EVENTS; i++)
    {
      moat_canvas_drag_update (canvas, x + i * 2.0, y + i * 1.0);
      wait_for_frame (log);
    }
  moat_canvas_drag_end (canvas, x + N_EVENTS * 2.0, y + N_EVENTS * 1.0);
  wait_for_frame (log);
}

/* A zoom in and out, then the frames that draw the view sharp and the
 * one that shows it drawn as a whole once the zoom paused: counted too. */
static void
zoom_phase (MoatCanvas *canvas,
            FrameLog   *log,
            const char *what)
{
  double cx = gtk_widget_get_width (GTK_WIDGET (canvas)) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (canvas)) / 2.0;
  gint64 paused, deadline;

  for (guint i = 0; i < N_EVENTS; i++)
    {
      moat_canvas_zoom_at (canvas, i < N_EVENTS / 2 ? 1.02 : 1 / 1.02, cx, cy);
      wait_for_frame (log);
    }
  paused = g_get_monotonic_time ();
  deadline = paused + 5 * G_USEC_PER_SEC;
  while (!moat_canvas_is_settled (canvas) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_print ("frame_zoom_%s_settled %.1f ms\n", what, (g_get_monotonic_time () - paused) / 1000.0);
}

static void
pan_phase (MoatCanvas *canvas,
           FrameLog   *log)
{
  for (guint i = 0; i < N_EVENTS; i++)
    {
      moat_canvas_scroll_by (canvas, i < N_EVENTS / 2 ? 12 : -12, 6);
      wait_for_frame (log);
    }
}

typedef void (*Phase) (MoatCanvas *canvas, MoatModel *model, FrameLog *log, const char *what);

static void
drag_phase_any (MoatCanvas *canvas, MoatModel *model, FrameLog *log, const char *what)
{
  drag_phase (canvas, model, log);
}

static void
zoom_phase_any (MoatCanvas *canvas, MoatModel *model, FrameLog *log, const char *what)
{
  zoom_phase (canvas, log, what);
}

static void
pan_phase_any (MoatCanvas *canvas, MoatModel *model, FrameLog *log, const char *what)
{
  pan_phase (canvas, log);
}

static void
measure_window (GtkWindow  *window,
                const char *size_name)
{
  static const struct { const char *name; Phase run; } phases[] = {
    { "drag", drag_phase_any }, { "zoom", zoom_phase_any }, { "pan", pan_phase_any },
  };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  MoatCanvas *canvas = MOAT_CANVAS (find_type (GTK_WIDGET (window), MOAT_TYPE_CANVAS));
  MoatModel *model = moat_window_get_model (MOAT_WINDOW (window));
  FrameLog log = { 0 };
  gulong before, after, phase_ends[3];

  before = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &log);
  after = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &log);
  /* After GTK's own handlers: the end of each phase. */
  phase_ends[0] = g_signal_connect_after (clock, "update", G_CALLBACK (on_update_done), &log);
  phase_ends[1] = g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_done), &log);
  phase_ends[2] = g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint_done), &log);
  settle (&log, 10);
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *what = g_strdup_printf ("%s_%s", phases[i].name, size_name);

      log.durations = durations;
      log.cpu = cpu;
      phases[i].run (canvas, model, &log, size_name);
      log.durations = NULL;
      log.cpu = NULL;
      if (durations->len > 0)
        {
          g_print ("frame_%s_window_layout_mean %.3f ms\n", what, log.layout_ms / durations->len);
          g_print ("frame_%s_window_paint_mean %.3f ms\n", what, log.paint_ms / durations->len);
        }
      /* A drag's first frame shows the new selection: on its own. */
      if (i == 0 && durations->len > 0)
        g_print ("frame_%s_window_first %.3f ms\nframe_%s_window_cpu_first %.3f ms\n", what,
                 g_array_index (durations, double, 0), what, g_array_index (cpu, double, 0));
      report_frames (what, "window", durations);
      report_frames (what, "window_cpu", cpu);
      log.layout_ms = log.paint_ms = 0;
      settle (&log, 3);
    }
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);
  for (guint i = 0; i < G_N_ELEMENTS (phase_ends); i++)
    g_signal_handler_disconnect (clock, phase_ends[i]);
}

/* The minimal window's own frame cost, redrawn as often. */
static void
measure_minimal (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  FrameLog log = { 0 };
  GdkFrameClock *clock;

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  for (guint i = 0; i < 50; i++)
    gtk_box_append (GTK_BOX (box), gtk_label_new ("Label"));
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &log);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &log);
  settle (&log, 5);
  log.durations = durations;
  log.cpu = cpu;
  for (guint i = 0; i < N_EVENTS; i++)
    {
      gtk_widget_queue_draw (window);
      wait_for_frame (&log);
    }
  log.durations = NULL;
  report_frames ("redraw_minimal", "window", durations);
  report_frames ("redraw_minimal", "window_cpu", cpu);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWindow *
open_in_window (MoatApplication *app,
                const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window = NULL;

  g_application_open (G_APPLICATION (app), &file, 1, "");
  while (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
         moat_window_get_model (MOAT_WINDOW (window)) == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
    }
  /* Without a window manager (Xvfb) maximising does nothing: ask for the
   * whole screen as the minimal window does. */
  gtk_window_maximize (window);
  gtk_window_set_default_size (window, 1920, 1080);
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  g_print ("# window %d×%d\n", gtk_widget_get_width (GTK_WIDGET (window)),
           gtk_widget_get_height (GTK_WIDGET (window)));
  return window;
}

static void
measure_frames (char **paths)
{
  g_autoptr(MoatApplication) app = moat_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    g_error ("moat-bench-gui: could not register the application");
  g_application_hold (G_APPLICATION (app));

  measure_minimal ();
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GtkWindow *window = open_in_window (app, paths[i]);
      g_autofree char *size_name = g_strdup_printf ("%u", sizes[i]);

      measure_window (window, size_name);
      gtk_window_destroy (window);
    }
  g_application_release (G_APPLICATION (app));
}

/* ------------------------------------------------------------------ */

static char *
write_model (const char *dir,
             guint       size)
{
  g_autoptr(MoatModel) model = moat_bench_make_diagram (size);
  g_autofree char *name = g_strdup_printf ("diagram-%u.moat", size);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (model, "title", name, NULL);
  if (!(store = moat_store_create (file, model, &error)))
    g_error ("moat-bench-gui: %s", error->message);
  moat_store_close (store);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *self = NULL;
  char *paths[G_N_ELEMENTS (sizes)];
  gboolean launch_only;
  double minimal;

  g_setenv ("GSK_RENDERER", g_getenv ("GSK_RENDERER") ?: "cairo", TRUE);
  if (argc >= 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argc > 3 ? argv[3] : NULL);
  /* For profiling one launch: write a model, then run `--child app PATH`. */
  if (argc >= 4 && g_str_equal (argv[1], "--write-model"))
    {
      g_autofree char *path = write_model (argv[2], (guint) atoi (argv[3]));

      g_print ("%s\n", path);
      return 0;
    }
  launch_only = argc >= 2 && g_str_equal (argv[1], "--launch-only");

  self = g_file_read_link ("/proc/self/exe", NULL);
  dir = g_dir_make_tmp ("moat-bench-gui-XXXXXX", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    paths[i] = write_model (dir, sizes[i]);

  g_print ("# moat-bench-gui %s, GSK_RENDERER=%s: name value unit\n", PACKAGE_VERSION, g_getenv ("GSK_RENDERER"));
  /* --frames: the frame times alone, for profiling them. */
  if (argc < 2 || !g_str_equal (argv[1], "--frames"))
    {
      minimal = launch_median (self, "minimal", NULL);
      g_print ("launch_minimal_first_frame %.1f ms\n", minimal);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          double ms = launch_median (self, "app", paths[i]);

          g_print ("launch_%u_first_frame %.1f ms\n", sizes[i], ms);
          g_print ("launch_%u_to_minimal %.2f ratio\n", sizes[i], ms / minimal);
        }
      /* Then the rules' suggestions and the outline, made after that frame. */
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        g_print ("launch_%u_loaded %.1f ms\n", sizes[i], launch_median (self, "loaded", paths[i]));
    }

  if (!launch_only)
    {
      adw_init ();
      measure_frames (paths);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_unlink (paths[i]);
      g_free (paths[i]);
    }
  g_rmdir (dir);
  return 0;
}
