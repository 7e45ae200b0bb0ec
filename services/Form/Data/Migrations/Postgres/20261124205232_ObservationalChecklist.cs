using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Form.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ObservationalChecklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Checklists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StepRate = table.Column<double>(type: "double precision", nullable: true),
                    TreadmillSpeedKmh = table.Column<double>(type: "double precision", nullable: true),
                    FindingsJson = table.Column<string>(type: "text", nullable: false),
                    ConclusionJson = table.Column<string>(type: "text", nullable: false),
                    AssessedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AssessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checklists", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_PatientId_AssessedAt",
                table: "Checklists",
                columns: new[] { "PatientId", "AssessedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Checklists");
        }
    }
}
